"""Builders for test records: each makes the smallest valid object and takes overrides as keyword arguments."""

import itertools

from archive.models import Agent, Collection, ConsentRecord, Item, ItemAgent, Place, Subject

_numbers = itertools.count(1)


def make_item(**fields):
    n = next(_numbers)
    values = {
        "kind": Item.Kind.PHOTOGRAPH,
        "accession_number": f"TEST-{n:05d}",
        "title": f"Test item {n}",
        "status": Item.Status.PUBLISHED,
        "access": "public",
    }
    values.update(fields)
    return Item.objects.create(**values)


def make_agent(**fields):
    n = next(_numbers)
    return Agent.objects.create(**{"display_name": f"Person {n}", **fields})


def add_agent(item, agent=None, role=ItemAgent.Role.NARRATOR):
    agent = agent or make_agent()
    ItemAgent.objects.create(item=item, agent=agent, role=role)
    return agent


def make_consent(item, **fields):
    agent = fields.pop("agent", None) or make_agent()
    values = {"public_web": True, "exhibits": True, "classroom": True, "research": True}
    values.update(fields)
    return ConsentRecord.objects.create(item=item, agent=agent, **values)


def make_place(path):
    """A place from a path such as "Thailand > Samut Sakhon", creating the missing levels."""
    parent = None
    for name in [part.strip() for part in path.split(">")]:
        parent, _ = Place.objects.get_or_create(name=name, parent=parent)
    return parent


def make_collection(**fields):
    n = next(_numbers)
    return Collection.objects.create(**{"slug": f"collection-{n}", "title": f"Collection {n}", **fields})


def make_subject(**fields):
    n = next(_numbers)
    return Subject.objects.create(**{"slug": f"subject-{n}", "title": f"Subject {n}", **fields})
