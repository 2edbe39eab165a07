"""lawcmp — compare anti-trafficking law with the UN Trafficking Protocol, article by article.

The pipeline, one module per stage: source text → `syntax` (parse) → `model` →
`snapshot` (the book at a date) → `engine` (criteria and ratings) → findings →
`render`. This module is the front door for notebooks and scripts:

>>> import lawcmp
>>> corpus = lawcmp.load_corpus()                       # doctest: +SKIP
>>> lawcmp.evaluate(corpus, "KG", as_of="2006-01-01")   # doctest: +SKIP
"""

__version__ = "0.1.0"
