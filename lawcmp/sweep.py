"""Ratings over time, for notebooks: `rating_timeline` of one book, `rating_timelines` of many.

The sweep itself is `lawcmp.engine.sweep`; this module is its name at the front door.
"""

from lawcmp.engine.sweep import rating_timeline, rating_timelines

__all__ = ["rating_timeline", "rating_timelines"]
