"""Search backend for the archive: haystack's Whoosh backend, to be taught the archive's languages."""

from haystack.backends.whoosh_backend import WhooshEngine


class MultilingualWhooshEngine(WhooshEngine):
    pass
