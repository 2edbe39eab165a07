"""The clause kinds of the statute language, each declared once: its head terms, its fields, its model.

A clause states one thing a provision version (or a fact) does, in vocabulary terms:
`offence trafficking { acts … }`. Everything that knows what a kind may hold reads
`CLAUSE_KINDS`: the builder (which fields a clause takes and how their values read), the
checks (whether the head terms are required), `lawcmp fmt` (the order fields are laid out
in), the rule language (the fields a condition may read) and the clause table of
docs/language.md (`tools/gen_docs.py`).

Adding a kind: a row here, its model in `lawcmp.model.statute`, its keyword in the
grammar's `clause_kind`, and its head terms' group in `rules/vocabulary.toml`
(docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from lawcmp.model.statute import (
    Classification,
    ClauseBase,
    Cooperation,
    Establishes,
    Liability,
    Mandates,
    Offence,
    Penalizes,
    Provides,
)

# How a field's values are read:
#   terms       one or more vocabulary terms of `group`
#   term        exactly one vocabulary term of `group`
#   choice      one of `choices`
#   ids         one or more ids (references)
#   penalty     penalty items (kinds, and a duration after `prison`)
#   aggravated  circumstances, with a nested penalty; repeatable
READERS = ("terms", "term", "choice", "ids", "penalty", "aggravated")


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # as written in a file; the model's attribute is the same with `_` for `-`
    reads: str  # one of READERS
    group: str = ""  # the vocabulary group, for `terms` and `term`
    choices: tuple[str, ...] = ()  # for `choice`
    scopes_negative: bool = False  # a negative clause may carry it, to narrow what it denies
    none_flag: str = ""  # the model's flag set by `FIELD none` ("the offence requires none"), if it may be given so
    # The terms a source names, not the whole list: a term not named is unknown, not excluded.
    # An offence's acts are what its article says; the ancillary conduct punished (attempt,
    # complicity, organizing) comes from the code's general part, article by article.
    open_list: bool = False

    @property
    def attribute(self) -> str:
        return self.name.replace("-", "_")


@dataclass(frozen=True, slots=True)
class ClauseKind:
    name: str
    model: type[ClauseBase]
    head: str  # the vocabulary group of the clause's head terms
    fields: tuple[Field, ...]  # in the order `lawcmp fmt` lays them out
    head_required: bool  # at least one head term (offence and classification say why not)
    rule_fields: tuple[str, ...]  # what a rule's condition may read: the fields, and values derived from them
    summary: str  # for docs/language.md


def _terms(name: str, group: str | None = None, *, scopes_negative: bool = False, open_list: bool = False) -> Field:
    return Field(name, "terms", group or name, scopes_negative=scopes_negative, open_list=open_list)


def _choice(name: str, *choices: str) -> Field:
    return Field(name, "choice", choices=choices)


# Every kind's last field: where a negative clause is stated of some instruments only.
WITHIN = Field("within", "ids", scopes_negative=True)


CLAUSE_KINDS: tuple[ClauseKind, ...] = (
    ClauseKind(
        "offence", Offence, "offences",
        (
            _terms("acts", scopes_negative=True), Field("means", "terms", "means", scopes_negative=True, none_flag="no_means"),
            _terms("purposes", scopes_negative=True), _terms("victims", scopes_negative=True),
            _choice("child-means", "required", "not-required"), _choice("consent", "irrelevant", "relevant"),
            _choice("transnational", "required", "not-required"),
            _choice("organized-group", "required", "not-required"), _terms("ancillary", open_list=True),
            Field("penalty", "penalty"), Field("aggravated", "aggravated"),
            _choice("legal-persons", "liable", "not-liable"), WITHIN,
        ),
        head_required=False,  # the offence type may be left to the fields
        rule_fields=(
            "acts", "means", "purposes", "victims", "child-means", "consent", "transnational",
            "organized-group", "ancillary", "penalty-kinds", "max-prison", "min-prison",
            "aggravated-max-prison", "circumstances", "confiscation", "legal-persons", "class", "amnesty",
        ),
        summary="an offence and its elements: `trafficking`, `trafficking-in-minors`, `involving-in-prostitution`, `forced-marriage`, …",
    ),
    ClauseKind(
        "classification", Classification, "classifications",
        (Field("amnesty", "term", "amnesty-statuses"), Field("applies-to", "ids"), WITHIN),
        head_required=False,  # a source may speak of amnesty alone; the builder asks for one or the other
        rule_fields=("amnesty",),
        summary=(
            "the class of the offence (`non-dangerous`, `grave`, …) and amnesty; the class may be left out when the source "
            "speaks only of amnesty, and stays what the latest classification stating one says; `applies-to` defaults to "
            "its own provision"
        ),
    ),
    ClauseKind(
        "penalizes", Penalizes, "conduct", (Field("exemption", "term", "exemption-statuses"), WITHIN),
        head_required=True, rule_fields=("exemption",), summary="conduct of a victim the law punishes: `illegal-border-crossing`, `forged-documents`, `prostitution`, …",
    ),
    ClauseKind(
        "provides", Provides, "measures",
        (
            _terms("beneficiaries", scopes_negative=True),
            Field("condition", "terms", "conditions", scopes_negative=True, none_flag="no_condition"), WITHIN,
        ),
        head_required=True, rule_fields=("beneficiaries", "condition"),
        summary=(
            "a victim-protection or repatriation measure: `shelter`, `medical-care`, `legal-aid`, `temporary-residence`, "
            "`compensation`, `immunity-from-prosecution`, …"
        ),
    ),
    ClauseKind("establishes", Establishes, "bodies", (WITHIN,), head_required=True, rule_fields=(), summary="a body or plan: `interagency-commission`, `national-action-plan`, `rehabilitation-centre`, …"),
    ClauseKind("mandates", Mandates, "activities", (WITHIN,), head_required=True, rule_fields=(), summary="an activity: `awareness-campaigns`, `training-of-officials`, `hotlines`, …"),
    ClauseKind(
        "cooperation", Cooperation, "cooperation", (WITHIN,), head_required=True, rule_fields=(),
        summary="jurisdiction and cooperation: `territorial-jurisdiction`, `extradition`, `mutual-legal-assistance`, …",
    ),
    ClauseKind(
        "liability", Liability, "liability-kinds",
        (_terms("subjects", "liable-subjects", scopes_negative=True), _terms("offences", scopes_negative=True), WITHIN),
        head_required=True, rule_fields=("subjects", "offences"),
        summary=(
            "liability outside an offence's article, for whom and for which offences: `administrative-liability`, "
            "`civil-liability`, `criminal-liability`"
        ),
    ),
)

KINDS: dict[str, ClauseKind] = {k.name: k for k in CLAUSE_KINDS}
FIELDS: dict[str, dict[str, Field]] = {k.name: {f.name: f for f in k.fields} for k in CLAUSE_KINDS}
RULE_FIELDS: dict[str, tuple[str, ...]] = {k.name: k.rule_fields for k in CLAUSE_KINDS}
HEAD_GROUPS: dict[str, str] = {k.name: k.head for k in CLAUSE_KINDS}
NEGATIVE_SCOPES = frozenset(f.name for k in CLAUSE_KINDS for f in k.fields if f.scopes_negative)
# Fields whose terms a rule's `includes` reads as a lower bound (`Field.open_list`).
OPEN_LISTS = frozenset(f.name for k in CLAUSE_KINDS for f in k.fields if f.open_list)


def narrowed(clause: ClauseBase) -> bool:
    """Does a negative clause deny only a narrower offence (for some victims, acts, purposes)?

    "No trafficking offence protects adults" answers the tests whose condition it settles,
    never the bare question whether a trafficking offence exists at all. A measure's
    beneficiaries are another matter: the measure a test names is usually one for just
    those people (reintegration for returning nationals), so a scoped absence of a measure
    still answers it.
    """
    if getattr(clause, "kind", "") != "offence":
        return False
    kind = KINDS["offence"]
    return any(
        f.scopes_negative and f.name != "within"
        and (getattr(clause, f.attribute) not in (None, ()) or bool(f.none_flag and getattr(clause, f.none_flag)))
        for f in kind.fields
    )
