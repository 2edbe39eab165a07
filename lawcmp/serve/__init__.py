"""`lawcmp serve`: a local web page for drafters (docs/serve.md).

`workspace` holds what is read once per server (corpus, catalog, the context of the
language server's analysis, the shipped bills) and answers the questions the pages ask
of it — pure, and knows nothing of HTTP; `pages` writes the HTML; `app` is the one
module that imports Starlette and uvicorn, and catches every error an endpoint meets.
"""
