"""The OAI-PMH 2.0 request: which verbs take which arguments, datestamps, resumption tokens and the errors the
protocol defines (https://www.openarchives.org/OAI/openarchivesprotocol.html, sections 3.1 to 3.6)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core import signing

METADATA_PREFIX = "oai_dc"
DAY = "YYYY-MM-DD"
SECONDS = "YYYY-MM-DDThh:mm:ssZ"
TOKEN_SALT = "interop.oai.resumption"

# verb -> (required arguments, optional arguments); `resumptionToken` is exclusive where it is allowed.
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}


class OAIError(Exception):
    """An error the protocol names; `code` is its error code and the message is shown to the harvester."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Datestamp:
    """A from or until argument: the moment it names and the granularity it was written in."""

    text: str
    moment: datetime
    granularity: str

    def end(self):
        """The first moment after what an `until` of this granularity includes."""
        return self.moment + (timedelta(days=1) if self.granularity == DAY else timedelta(seconds=1))


def parse_datestamp(text, name):
    for granularity, pattern in ((DAY, "%Y-%m-%d"), (SECONDS, "%Y-%m-%dT%H:%M:%SZ")):
        if len(text) != len(granularity):
            continue
        try:
            moment = datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            break
        return Datestamp(text, moment, granularity)
    raise OAIError("badArgument", f"“{name}” must be a UTC date (YYYY-MM-DD) or time (YYYY-MM-DDThh:mm:ssZ), "
                                  f"not “{text}”")


def format_datestamp(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class ListRequest:
    """What a list verb asks for, read from its arguments or from a resumption token."""

    set_spec: str | None = None
    start: Datestamp | None = None
    until: Datestamp | None = None
    after: str = ""  # the last identifier key already sent
    cursor: int = 0
    total: int | None = None
    resumed: bool = field(default=False, compare=False)

    def token(self, *, after, cursor, total):
        return signing.dumps({
            "s": self.set_spec, "f": self.start and self.start.text, "u": self.until and self.until.text,
            "a": after, "c": cursor, "t": total,
        }, salt=TOKEN_SALT, compress=True)


def parse_arguments(query):
    """(verb, {argument: value}) from a QueryDict, or OAIError(badVerb or badArgument)."""
    verbs = query.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        given = ", ".join(verbs) or "none"
        raise OAIError("badVerb", f"the verb must be one of {', '.join(VERBS)} given once (given: {given})")
    verb = verbs[0]
    required, optional = VERBS[verb]
    arguments = {}
    for name, values in query.lists():
        if name == "verb":
            continue
        if name not in required | optional:
            raise OAIError("badArgument", f"{verb} does not take the argument “{name}”")
        if len(values) != 1:
            raise OAIError("badArgument", f"the argument “{name}” is given more than once")
        arguments[name] = values[0]
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument: give it alone with the verb")
        return verb, arguments
    missing = sorted(required - set(arguments))
    if missing:
        raise OAIError("badArgument", f"{verb} needs the argument(s) {', '.join(missing)}")
    return verb, arguments


def list_request(arguments):
    """The ListRequest for a list verb's arguments; checks dates, the format and the token."""
    if "resumptionToken" in arguments:
        return _resume(arguments["resumptionToken"])
    prefix = arguments.get("metadataPrefix")
    if prefix is not None and prefix != METADATA_PREFIX:
        raise OAIError("cannotDisseminateFormat", f"this repository only disseminates {METADATA_PREFIX}, "
                                                  f"not “{prefix}”")
    start = parse_datestamp(arguments["from"], "from") if "from" in arguments else None
    until = parse_datestamp(arguments["until"], "until") if "until" in arguments else None
    if start and until:
        if start.granularity != until.granularity:
            raise OAIError("badArgument", "“from” and “until” must have the same granularity")
        if start.moment > until.moment:
            raise OAIError("badArgument", "“from” is later than “until”")
    return ListRequest(set_spec=arguments.get("set"), start=start, until=until)


def _resume(token):
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        return ListRequest(
            set_spec=data["s"],
            start=parse_datestamp(data["f"], "from") if data["f"] else None,
            until=parse_datestamp(data["u"], "until") if data["u"] else None,
            after=str(data["a"]), cursor=int(data["c"]), total=int(data["t"]), resumed=True,
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, OAIError):
        raise OAIError("badResumptionToken", "the resumption token is not one this repository issued, or it "
                                             "was changed") from None
