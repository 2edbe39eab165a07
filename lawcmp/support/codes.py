"""The catalog of diagnostic codes: stable, named, documented.

Each code is data: what it means, why it matters, an example and the fix. The same
text feeds `lawcmp explain CODE` and `docs/diagnostics.md`. A code, once published,
is never renumbered; retired codes stay listed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    what: str
    why: str
    example: str
    fix: str


CODES: tuple[Code, ...] = (
    # -- input ------------------------------------------------------------------
    Code("IN01", "unreadable-file", "The file could not be read.",
         "lawcmp cannot check what it cannot read.",
         "lawcmp check statutes/XX.law  (the file does not exist)",
         "Check the path and the file's permissions."),
    Code("IN02", "not-utf8", "The file is not valid UTF-8 text.",
         "Statute files are text in UTF-8, so that Cyrillic titles survive e-mail and Word.",
         "a file saved as Windows-1251",
         "Save the file as UTF-8 (most editors: 'Save with encoding')."),
    Code("IN03", "binary-file", "The file contains NUL bytes: it is not a text file.",
         "A binary file (a .docx, an image) given where a .law file is expected.",
         "lawcmp check report.docx",
         "Give lawcmp the .law text file."),
    Code("IN04", "file-too-large", "The file is larger than lawcmp accepts.",
         "A bound on input size keeps every run bounded in time and memory.",
         "a 100 MB statute file",
         "Split the file: one jurisdiction per file, bills in statutes/drafts/."),
    Code("IN05", "line-too-long", "A line is longer than lawcmp accepts.",
         "Very long lines are almost always pasted binary or a missing line break.",
         "a 2 MB single-line quote",
         "Shorten the quote; a citation needs only a short phrase."),
    Code("IN06", "too-deep", "Blocks are nested deeper than lawcmp accepts.",
         "No statute needs deep nesting; a runaway `{` would otherwise exhaust the parser.",
         "offence x { acts y { acts y { …",
         "Close the blocks you opened."),
    Code("IN07", "too-many-items", "The file holds more items than lawcmp accepts.",
         "A bound on counts keeps every run bounded.",
         "a million provisions in one file",
         "Split the file."),
    Code("IN08", "too-many-errors", "The file has more syntax errors than lawcmp reports in one run.",
         "Each syntax error costs a parse of the rest of the file; past a point more messages only bury the first ones.",
         "a Word document saved as text and given as a statute file",
         "Fix the errors reported and check the file again."),
    # -- syntax -----------------------------------------------------------------
    Code("SY01", "unexpected-token", "A word or symbol stands where the language does not allow it.",
         "The file must follow the grammar (docs/language.md) for lawcmp to read it.",
         "version 2005 {\n  offence trafficking\n  source\n}   <- `source` needs a document",
         "Compare the line with the examples in docs/language.md; the message lists what was expected."),
    Code("SY02", "unexpected-character", "A character that no token of the language starts with.",
         "Often a typographic quote (“ ”) pasted from Word, or a stray symbol.",
         "title ru “Закон”",
         "Use straight double quotes \" \" around strings."),
    Code("SY03", "unexpected-end", "The file ends inside a block.",
         "Every `{` needs its `}`.",
         "provision KG/CC/124 \"x\" {\n  version 2005 {",
         "Close every block you opened."),
    Code("SY04", "bad-escape", "A string holds an escape other than \\\" or \\\\.",
         "Only quotes and backslashes need escaping in strings.",
         "text \"see \\n below\"",
         "Remove the backslash."),
    # -- vocabulary and fields ----------------------------------------------------
    Code("VO01", "unknown-term", "A word is not in the vocabulary (rules/vocabulary.toml) for this place.",
         "The engine compares states by vocabulary terms; an unknown word would silently match nothing.",
         "acts recruitment transportatoin",
         "Use the term suggested, or add the term (with its definition) to rules/vocabulary.toml."),
    Code("VO02", "term-from-other-group", "A known term is used where a term of another group is expected.",
         "A measure is not a body, an act is not a means: the engine looks for each in its place.",
         "acts deception   (deception is a means)",
         "Move the term to the field of its group."),
    Code("FD01", "unknown-field", "A clause carries a field its kind does not have.",
         "Each clause kind has a fixed set of fields (docs/language.md).",
         "provides shelter {\n  acts recruitment\n}",
         "Use a field of that clause kind, or the clause kind that has the field."),
    Code("FD02", "bad-field-value", "A field's values are not of the form the field takes.",
         "Fields take terms, ranges or strings in a fixed shape.",
         "penalty prison eight years",
         "Write the value as docs/language.md shows (e.g. `penalty prison 3..8 years`)."),
    Code("FD03", "duplicate-field", "A field is given twice in one clause.",
         "Two values for one property are a contradiction, not a list.",
         "acts recruitment\nacts sale",
         "Give all the values on one line."),
    Code("FD04", "duplicate-item", "An item that may appear once appears twice.",
         "A version has one text, one amending instrument; an instrument one kind.",
         "kind criminal-code\nkind decree",
         "Keep one."),
    # -- identity and references ---------------------------------------------------
    Code("ID01", "duplicate-id", "Two items of the corpus have the same id.",
         "Ids are how findings, bills and reports refer to provisions; they must be unique.",
         "provision KG/CC/124 … twice",
         "Merge the two, or give one a different id; new versions go inside the provision."),
    Code("ID02", "unknown-instrument", "A provision's id names an instrument that is not declared.",
         "A provision belongs to an instrument (KG/CC/124 belongs to KG/CC); its kind and status matter.",
         "provision KG/CC/124 … with no `instrument KG/CC`",
         "Declare the instrument, or fix the provision's id."),
    Code("ID03", "undefined-reference", "A clause, version or bill refers to something that is not defined.",
         "A reference that resolves to nothing would make the engine silently ignore the item.",
         "by KG/law-2005   (no such instrument)",
         "Declare the item referred to, or fix the reference."),
    Code("ID04", "foreign-id", "An id belongs to another jurisdiction than the file's.",
         "One file per jurisdiction keeps the statute book of each state in one place.",
         "provision KZ/CC/128 in KG.law",
         "Move the item to its jurisdiction's file."),
    Code("ID05", "file-name-mismatch", "A statute file's name does not match its jurisdiction code.",
         "statutes/<code>.law is how the corpus is found and cited.",
         "jurisdiction KZ in statutes/KG.law",
         "Rename the file or fix the code."),
    Code("ID06", "missing-jurisdiction", "A statute file declares no jurisdiction, or more than one.",
         "Each statute file is the statute book of exactly one state.",
         "a file of provisions with no `jurisdiction` line",
         "Add `jurisdiction XX \"Name\" { }` at the top."),
    # -- dates ---------------------------------------------------------------------
    Code("DT01", "impossible-date", "A date that does not exist.",
         "Dates order versions and decide what was in force.",
         "version 2005-02-30",
         "Correct the date; give only the year or month if the source is no more precise."),
    Code("DT02", "versions-out-of-order", "A provision's versions are not in date order, or two share a date.",
         "Each version applies until the next one: order is meaning.",
         "version 2008 { … }\nversion 2003 { … }",
         "List versions oldest first, each with its own date."),
    Code("DT03", "version-after-repeal", "A version starts on or after the provision's repeal.",
         "A repealed provision has no later versions; a new article is a new provision.",
         "version 2010 after repeal 2008",
         "Move the repeal, or make the new text a new provision."),
    Code("CV01", "coverage-reversed", "The period a file's sources cover (`covers FROM TO`) ends before it starts.",
         "Reports say when a date lies beyond the sources; a reversed period would put every date there.",
         "covers 2025-06-30 1998-01-01",
         "Give the start first, then the end: the date of the earliest and of the latest source the file rests on."),
    Code("CV02", "dated-beyond-coverage", "A version, repeal, fact, instrument date or treaty event is dated after the period the file's sources cover.",
         "`covers` says how far the sources reach; what is dated after it cannot rest on them.",
         "covers 1998-01-01 2009-12-31\nversion 2014-01-01 { … }",
         "Extend `covers` to the latest source read, or correct the date."),
    Code("DT04", "until-before-from", "A fact ends before it begins.",
         "A fact holds from `from` to `until`.",
         "from 2008\nuntil 2005",
         "Swap or correct the dates."),
    Code("DT05", "missing-date", "A fact or bill has no date.",
         "A fact without a date cannot be placed in the timeline.",
         "fact KG/x \"…\" { no provides shelter … }  (no `from`)",
         "Add `from YYYY` (or `effective` for a bill)."),
    # -- sources ---------------------------------------------------------------------
    Code("SR01", "missing-source", "A version, repeal, fact or treaty event has no source.",
         "Every encoded fact cites its source: that is what makes a finding checkable.",
         "version 2005 { offence trafficking … }  with no `source` line",
         "Add `source \"<file or document>\" [para N] \"<quoted phrase>\"`."),
    Code("SR02", "quote-not-found", "A quoted phrase does not appear in the cited source file.",
         "A misquoted source cannot be checked by the reader.",
         "source \"003_302ca85d5f157d7b.txt\" \"words that are not there\"",
         "Copy the phrase exactly (line breaks may be spaces)."),
    Code("SR03", "para-not-found", "The cited paragraph does not exist in the source file, or does not hold the quote.",
         "Paragraph numbers are how a reader finds the passage.",
         "source \"000_91c9f03fa296cf77.txt\" para 99",
         "Check the paragraph number (¶N in the cable)."),
    # -- penalties ------------------------------------------------------------------
    Code("PN01", "penalty-range-inverted", "A penalty's minimum is above its maximum.",
         "A range like 8..3 is a typo that would distort the serious-crime test.",
         "penalty prison 8..3 years",
         "Write the range low..high."),
    # -- facts and basis -------------------------------------------------------------
    Code("NF01", "negative-fact-contradicted", "A negative fact says something is absent while a clause in force provides it.",
         "Two sources disagree, or one fact is out of date; the engine cannot rate both.",
         "no provides shelter (from 2005) while a 2004 law provides shelter",
         "Date the negative fact after the repeal, bound it with `until`, or fix the clause; note the disagreement in a comment."),
    Code("NF02", "law-clause-in-fact", "A fact holds a clause stated as law.",
         "Law lives in provisions with versions; facts hold practice and absences.",
         "fact KG/x \"…\" { provides shelter }",
         "Write `practice provides …` or `no provides …`, or move the clause into a provision."),
    Code("NF03", "negative-in-provision", "A provision's version holds a negative clause (`no …`).",
         "What a provision does not say is silence, not a fact; absences are facts with a source.",
         "version 2005 { no provides shelter }",
         "Move the absence into a `fact` with its source."),
    # -- bills ------------------------------------------------------------------------
    Code("BL01", "bill-unknown-provision", "A bill amends or repeals a provision that does not exist.",
         "The overlay needs the provision it changes.",
         "amend UZ/CC/999 { … }",
         "Fix the id, or use `insert` for a new provision."),
    Code("BL02", "bill-repeals-repealed", "A bill repeals or amends a provision already repealed at its effective date.",
         "The change would have no effect; the bill is probably out of date.",
         "repeal KZ/CC/106 (repealed in 2003)",
         "Drop the operation or correct the date."),
    Code("BL03", "bill-inserts-existing", "A bill inserts a provision that already exists.",
         "Insertion creates an article; changing one is `amend`.",
         "insert UZ/CC/135 …",
         "Use `amend`, or a new id."),
    Code("BL04", "bill-unknown-jurisdiction", "A bill's jurisdiction has no statute book in the corpus.",
         "A bill overlays a statute book; without one there is nothing to overlay.",
         "bill XX/b1 … with no statutes/XX.law",
         "Add the jurisdiction's statute file or fix the bill's id."),
    # -- rules ---------------------------------------------------------------------------
    Code("RL01", "unknown-set", "A test names a set that rules/vocabulary.toml does not define.",
         "A misspelt set would match nothing.",
         "acts covers all of protocol-act",
         "Use the set suggested, or define it under [sets]."),
    Code("RL02", "unknown-rule-field", "A condition names a field the clause kind does not have.",
         "A misspelt field would always be 'no information'.",
         "some offence where max-prisn >= 4",
         "Use a field listed in docs/rules.md for that clause kind."),
    Code("RL03", "duplicate-obligation", "Two obligations share an id, or two criteria of one obligation share a name.",
         "Ids are how findings and reports refer to obligations.",
         "obligation crim.acts … twice",
         "Rename one."),
    Code("RL04", "no-core-criterion", "An obligation has no core criterion, or no criterion at all.",
         "The roll-up rule needs at least one core criterion to cap the rating.",
         "criterion acts …  (none marked core)",
         "Mark the decisive criterion `core`."),
    Code("RL05", "bad-obligation-value", "An obligation's pillar, strength or language is not one of the allowed values.",
         "Pillars and strengths decide how findings are grouped and which verb a recommendation takes.",
         "strength must",
         "Use a value listed in docs/rules.md."),
    Code("RL06", "missing-obligation-item", "An obligation lacks its basis, pillar, strength or recommendation.",
         "Each obligation states its treaty basis and strength so readers can weigh it.",
         "obligation crim.x \"…\" { criterion … }",
         "Add the missing lines."),
    Code("RL07", "criterion-without-test", "A criterion has titles but no test.",
         "A criterion is judged by its tests; without one it could only ever say nothing.",
         "criterion plan \"A plan is adopted\" {\n    title ru \"Принят план\"\n  }",
         "Add a `test` line."),
    Code("FM01", "not-formatted", "The file is not in the canonical layout.",
         "One layout for every file keeps diffs of statute files reviewable.",
         "provision KG/CC/124 \"x\"  {   (two spaces, odd indentation)",
         "Run `lawcmp fmt PATH`."),
    # -- vocabulary file ------------------------------------------------------------------
    Code("VF01", "bad-vocabulary", "rules/vocabulary.toml is malformed: a bad term name, a duplicate, or a set of unknown terms.",
         "Every file is checked against the vocabulary; it must be sound first.",
         "two groups defining `fraud`",
         "Fix the vocabulary entry named in the message."),
)

BY_CODE: dict[str, Code] = {c.code: c for c in CODES}
BY_NAME: dict[str, Code] = {c.name: c for c in CODES}


def lookup(code_or_name: str) -> Code | None:
    key = code_or_name.strip()
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())


def explain(code: Code) -> str:
    """The text `lawcmp explain CODE` prints."""
    return (
        f"{code.code} {code.name}\n\n{code.what}\n\nWhy: {code.why}\n\n"
        f"Example:\n" + "\n".join("    " + line for line in code.example.splitlines())
        + f"\n\nFix: {code.fix}\n"
    )
