"""The demo collection: sample records in five languages with generated media, and exhibits built from them,
loaded by `manage.py load_demo`. An app of its own, above the catalogue and the exhibits it fills.

Everything here is labelled as a sample. The people named are fictional, and the media are generated test
pictures, patterns and tones: no testimony is invented or attributed to anyone.
"""
