"""The books of a corpus on demand, for notebooks and for work in several processes.

The shelf itself is `lawcmp.load.shelf`; this module is its name at the front door.
"""

from lawcmp.load.shelf import Shelf, open_shelf

__all__ = ["Shelf", "open_shelf"]
