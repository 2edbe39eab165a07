"""The wiring: protocol messages in, the pure functions of this package called, results out.

One `State` per server holds the context (read once, on first need) and the last
analysis of each open document. Every handler runs inside `guarded`: an internal error
is logged to the client (window/logMessage) and the request answered with nothing, so a
bug met on one keystroke never ends the session.

Documents are synchronised whole (full sync): a statute file is re-parsed whole on every
change anyway, and sending it whole costs less than the parse (docs/performance.md).
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lawcmp.lsp.analysis import Analysis, Context, analyse, is_corpus_file, load_context, recheck
from lawcmp.lsp.completion import complete
from lawcmp.lsp.edits import formatting, quick_fixes, to_protocol
from lawcmp.lsp.hover import hover
from lawcmp.lsp.symbols import Index, definition, document_symbols
from lawcmp.lsp.text import lines_of, word_at
from lawcmp.support.version import __version__

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class State:
    """What the server keeps between messages."""

    corpus: Sequence[Path] | None = None
    rules: Path | None = None
    sources: Path | None = None
    loaded: Context | None = None
    documents: dict[str, Analysis] = field(default_factory=dict)  # by uri
    index: Index = field(default_factory=Index)
    encoding: str = "utf-16"

    def context(self) -> Context:
        if self.loaded is None:
            from lawcmp.support import collector

            self.loaded = load_context(self.corpus, self.rules, self.sources)
            # The corpus lives as long as the server: no collection need ever scan it again.
            collector.freeze()
        self.loaded.encoding = self.encoding
        return self.loaded


class LawcmpServer(LanguageServer):
    def __init__(self, state: State) -> None:
        super().__init__("lawcmp", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.state = state


def guarded(default: object) -> Callable[[F], F]:
    """Run a handler; on an internal error, log it to the client and answer `default`."""

    def wrap(handler: F) -> F:
        @functools.wraps(handler)
        def run(server: LawcmpServer, params: Any) -> Any:
            try:
                return handler(server, params)
            except Exception:
                server.window_log_message(lsp.LogMessageParams(
                    type=lsp.MessageType.Error, message=f"lawcmp lsp: {handler.__name__} failed\n{traceback.format_exc()}"))
                return default
        return cast(F, run)
    return wrap


def _path(uri: str) -> Path:
    local = to_fs_path(uri)
    return Path(local) if local else Path(uri.rsplit("/", 1)[-1] or "untitled.law")


def _publish(server: LawcmpServer, uri: str, analysis: Analysis, version: int | None) -> None:
    lines = lines_of(analysis.text, server.state.encoding)
    server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
        uri=uri, diagnostics=[to_protocol(d, lines) for d in analysis.diagnostics], version=version))


def _check(server: LawcmpServer, uri: str) -> None:
    """Check the document at `uri` alone; if it stands for a file of the corpus, put it in that
    file's place and re-check the cross-file diagnostics of the open bills."""
    state = server.state
    document = server.workspace.get_text_document(uri)
    context = state.context()
    analysis = analyse(document.source, _path(uri), context)
    state.documents[uri] = analysis
    _publish(server, uri, analysis, document.version)
    model = analysis.model
    if model is not None and analysis.parses and model.path in context.files and is_corpus_file(model):
        context.replace(model, analysis.path.resolve())
        for other, bill in list(state.documents.items()):
            if other != uri and bill.amends_others:
                again = recheck(bill, context)
                if again.across != bill.across:
                    state.documents[other] = again
                    _publish(server, other, again, server.workspace.get_text_document(other).version)


def _analysis(server: LawcmpServer, uri: str) -> Analysis | None:
    """The last analysis of an open document; a document the editor did not open (or whose
    check failed) is analysed now, from the file, and not published; None if there is no file."""
    found = server.state.documents.get(uri)
    if found is None:
        try:
            source = server.workspace.get_text_document(uri).source
        except (OSError, UnicodeDecodeError):
            return None
        found = analyse(source, _path(uri), server.state.context())
    return found


def build(state: State | None = None) -> LawcmpServer:
    server = LawcmpServer(state or State())

    @server.feature(lsp.INITIALIZED)
    @guarded(None)
    def initialized(ls: LawcmpServer, params: lsp.InitializedParams) -> None:
        # lsprotocol's enums are `str` subclasses whose str() is their name: take the value.
        chosen = ls.workspace.position_encoding
        ls.state.encoding = str(getattr(chosen, "value", chosen) or "utf-16")

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    @guarded(None)
    def did_open(ls: LawcmpServer, params: lsp.DidOpenTextDocumentParams) -> None:
        _check(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    @guarded(None)
    def did_change(ls: LawcmpServer, params: lsp.DidChangeTextDocumentParams) -> None:
        _check(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(None)
    def did_close(ls: LawcmpServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        closed = ls.state.documents.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        context = ls.state.loaded
        if closed is not None and context is not None and closed.shown in context.files:
            _restore(context, closed)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    @guarded(None)
    def on_hover(ls: LawcmpServer, params: lsp.HoverParams) -> lsp.Hover | None:
        analysis = _analysis(ls, params.text_document.uri)
        return hover(analysis, ls.state.context(), ls.state.index, params.position) if analysis else None

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=["/", "."]))
    @guarded(None)
    def on_completion(ls: LawcmpServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
        analysis = _analysis(ls, params.text_document.uri)
        if analysis is None:
            return None
        items = complete(analysis, ls.state.context(), ls.state.index, params.position)
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    @guarded(None)
    def on_definition(ls: LawcmpServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        uri = params.text_document.uri
        analysis = _analysis(ls, uri)
        if analysis is None:
            return None
        context = ls.state.context()
        word = word_at(lines_of(analysis.text, context.encoding), params.position)
        if word is None or word.kind != "id":
            return None
        return definition(word.text, analysis, context, ls.state.index, uri)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded([])
    def on_symbols(ls: LawcmpServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        analysis = _analysis(ls, params.text_document.uri)
        return document_symbols(analysis, ls.state.context()) if analysis else []

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    @guarded([])
    def on_formatting(ls: LawcmpServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
        analysis = _analysis(ls, params.text_document.uri)
        return formatting(analysis, ls.state.context()) if analysis else []

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    @guarded([])
    def on_code_action(ls: LawcmpServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        analysis = _analysis(ls, uri)
        return quick_fixes(analysis, uri, params.range, ls.state.encoding) if analysis else []

    return server


def _restore(context: Context, closed: Analysis) -> None:
    """A corpus file closed without saving: the corpus holds it as it is on disk again."""
    from lawcmp.load.files import parse_files

    read = parse_files([closed.path], context.vocabulary)
    if read and read[0].model is not None:
        context.replace(read[0].model, closed.path.resolve())


def serve(corpus: Sequence[Path] | None = None, rules: Path | None = None, sources: Path | None = None) -> None:
    """Serve on stdin and stdout until the client says exit."""
    build(State(corpus=corpus, rules=rules, sources=sources)).start_io()
