"""The clause kinds of the statute language: for each, its vocabulary group, its fields and its model.

The builder reads these tables to check a clause and build its model; `lawcmp fmt` lays
fields out in the order given here.
"""

from __future__ import annotations

from lawcmp.model.statute import (
    Classification,
    ClauseBase,
    Cooperation,
    Establishes,
    Mandates,
    Offence,
    Penalizes,
    Provides,
)

# The fields a negative clause may carry: they narrow what it denies.
NEGATIVE_SCOPES = frozenset({"beneficiaries"})



# Which vocabulary group the head terms of each clause kind come from.
HEAD_GROUPS: dict[str, str] = {
    "offence": "offences",
    "classification": "classifications",
    "penalizes": "conduct",
    "provides": "measures",
    "establishes": "bodies",
    "mandates": "activities",
    "cooperation": "cooperation",
}



CHOICES: dict[str, tuple[str, ...]] = {
    "child-means": ("required", "not-required"),
    "consent": ("irrelevant", "relevant"),
    "transnational": ("required", "not-required"),
    "organized-group": ("required", "not-required"),
    "legal-persons": ("liable", "not-liable"),
}



# Fields of each clause kind: field name -> how its values are read.
#   ("terms", group)   one or more vocabulary terms of that group
#   ("term", group)    exactly one vocabulary term
#   ("choice",)        one of CHOICES[field]
#   ("ids",)           one or more ids (references)
#   ("penalty",)       penalty items
#   ("aggravated",)    circumstances, with a nested penalty; repeatable
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "offence": {
        "acts": ("terms", "acts"),
        "means": ("terms", "means"),
        "purposes": ("terms", "purposes"),
        "victims": ("terms", "victims"),
        "child-means": ("choice",),
        "consent": ("choice",),
        "transnational": ("choice",),
        "organized-group": ("choice",),
        "ancillary": ("terms", "ancillary"),
        "penalty": ("penalty",),
        "aggravated": ("aggravated",),
        "legal-persons": ("choice",),
    },
    "classification": {"amnesty": ("term", "amnesty-statuses"), "applies-to": ("ids",)},
    "penalizes": {"exemption": ("term", "exemption-statuses")},
    "provides": {"beneficiaries": ("terms", "beneficiaries"), "condition": ("terms", "conditions")},
    "establishes": {},
    "mandates": {},
    "cooperation": {},
}



CLAUSE_MODELS: dict[str, type[ClauseBase]] = {
    "offence": Offence,
    "classification": Classification,
    "penalizes": Penalizes,
    "provides": Provides,
    "establishes": Establishes,
    "mandates": Mandates,
    "cooperation": Cooperation,
}
