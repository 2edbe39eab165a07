"""The language server (`lawcmp lsp`): lawcmp's checks, vocabulary and corpus in an editor.

`analysis` checks one document as `lawcmp check` would, against a corpus read once;
`text` turns spans into the protocol's ranges and finds the word at a cursor; `hover`,
`completion`, `symbols` (outline, go to definition) and `edits` (formatting, quick fixes)
answer the requests; `server` is the only module that knows pygls. docs/editors.md.
"""
