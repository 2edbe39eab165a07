"""lawcmp's version, apart from the front door so that any layer may name it cheaply."""

__version__ = "0.1.0"
