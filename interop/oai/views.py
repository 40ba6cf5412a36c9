"""The OAI-PMH 2.0 endpoint at /oai/: parse the request, ask the repository, write the response."""

from urllib.parse import quote, unquote

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from . import repository, responses
from .dublin_core import OAI_DC, OAI_DC_SCHEMA, PlaceNames, dublin_core, set_description, with_metadata
from .protocol import METADATA_PREFIX, OAIError, list_request, parse_arguments
from .responses import sub

DEFAULT_PAGE_SIZE = 100
# What the oai-identifier scheme allows in the local part besides letters and digits ("%" starts an escape).
IDENTIFIER_SAFE = "-_.!~*'();/?:@&=+$,"


@csrf_exempt
def endpoint(request):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    query = request.POST if request.method == "POST" else request.GET
    context = Context(request)
    try:
        verb, arguments = parse_arguments(query)
    except OAIError as problem:
        root = responses.error(responses.envelope(context.base_url), problem.code, problem.message)
        return _response(root)
    root = responses.envelope(context.base_url, verb=verb, arguments=arguments)
    try:
        VERB_HANDLERS[verb](context, root, arguments)
    except OAIError as problem:
        echoed = problem.code not in ("badVerb", "badArgument")
        root = responses.envelope(context.base_url, verb=verb if echoed else None, arguments=arguments)
        responses.error(root, problem.code, problem.message)
    return _response(root)


def _response(root):
    return HttpResponse(responses.serialise(root), content_type="text/xml; charset=utf-8")


class Context:
    """Where the repository is and how it names records, for one request."""

    def __init__(self, request):
        self.request = request
        self.base_url = request.build_absolute_uri(reverse("oai"))
        self.namespace = getattr(settings, "OAI_REPOSITORY_IDENTIFIER", "") or request.get_host().split(":")[0]
        self.page_size = getattr(settings, "OAI_PAGE_SIZE", DEFAULT_PAGE_SIZE)
        self._places = None

    def identifier(self, accession):
        """The record's OAI identifier: a space or a letter outside ASCII in an accession number is
        percent-encoded, as an identifier must be a URI."""
        return f"oai:{self.namespace}:{quote(accession, safe=IDENTIFIER_SAFE)}"

    def accession(self, identifier):
        prefix = f"oai:{self.namespace}:"
        if not identifier.startswith(prefix):
            raise OAIError("idDoesNotExist", f"identifiers of this repository begin with “{prefix}”")
        return unquote(identifier[len(prefix):])

    def item_url(self, item):
        with translation.override(settings.LANGUAGE_CODE):
            return self.request.build_absolute_uri(item.get_absolute_url())

    @property
    def places(self):
        if self._places is None:
            self._places = PlaceNames()
        return self._places


def identify(context, root, arguments):
    element = sub(root, "Identify")
    sub(element, "repositoryName", getattr(settings, "OAI_REPOSITORY_NAME", "Migrant Labour History Archive"))
    sub(element, "baseURL", context.base_url)
    sub(element, "protocolVersion", "2.0")
    sub(element, "adminEmail", _admin_email())
    earliest = repository.earliest_datestamp()
    sub(element, "earliestDatestamp", "1970-01-01T00:00:00Z" if earliest is None
        else responses.format_datestamp(earliest))
    sub(element, "deletedRecord", "persistent")
    sub(element, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def _admin_email():
    configured = getattr(settings, "OAI_ADMIN_EMAIL", "")
    if configured:
        return configured
    return settings.ADMINS[0][1] if settings.ADMINS else settings.DEFAULT_FROM_EMAIL


def list_metadata_formats(context, root, arguments):
    if "identifier" in arguments:
        repository.find(context.accession(arguments["identifier"]))
    element = sub(root, "ListMetadataFormats")
    metadata_format = sub(element, "metadataFormat")
    sub(metadata_format, "metadataPrefix", METADATA_PREFIX)
    sub(metadata_format, "schema", OAI_DC_SCHEMA)
    sub(metadata_format, "metadataNamespace", OAI_DC)


def list_sets(context, root, arguments):
    if "resumptionToken" in arguments:
        raise OAIError("badResumptionToken", "the list of sets comes in one response; there is nothing to resume")
    collections = list(repository.published_collections())
    if not collections:
        raise OAIError("noSetHierarchy", "this repository has no sets")
    element = sub(root, "ListSets")
    for collection in collections:
        entry = sub(element, "set")
        sub(entry, "setSpec", repository.set_spec(collection))
        sub(entry, "setName", collection.display_title("en"))
        responses.oai_dc(sub(entry, "setDescription"), set_description(collection))


def get_record(context, root, arguments):
    list_request({"metadataPrefix": arguments["metadataPrefix"]})  # checks the format
    found = repository.find(context.accession(arguments["identifier"]))
    element = sub(root, "GetRecord")
    if isinstance(found, repository.Item):
        found = with_metadata(repository.public_items().select_related("collection")).get(pk=found.pk)
    _record(context, element, found, metadata=True)


def list_identifiers(context, root, arguments):
    _list(context, root, arguments, "ListIdentifiers", metadata=False)


def list_records(context, root, arguments):
    _list(context, root, arguments, "ListRecords", metadata=True)


def _list(context, root, arguments, name, *, metadata):
    wanted = list_request(arguments)
    rows, after, total = repository.list_page(wanted, context.page_size, prepare=with_metadata if metadata else None)
    if not rows:
        raise OAIError("noRecordsMatch", "no records match these arguments")
    element = sub(root, name)
    for row in rows:
        if metadata:
            _record(context, element, row, metadata=True)
        else:
            _header(context, element, row)
    if wanted.resumed or after is not None:
        token = wanted.token(after=after, cursor=wanted.cursor + len(rows), total=total) if after else ""
        responses.resumption_token(element, token, total=total, cursor=wanted.cursor)


def _header(context, parent, row):
    if isinstance(row, repository.Item):
        specs = [repository.set_spec(row.collection)] if row.collection_id else []
        return responses.header(parent, identifier=context.identifier(row.accession_number),
                                datestamp=row.datestamp, set_specs=specs)
    return responses.header(parent, identifier=context.identifier(row.accession_number), datestamp=row.datestamp,
                            set_specs=row.set_specs, deleted=True)


def _record(context, parent, row, *, metadata):
    record = sub(parent, "record")
    _header(context, record, row)
    if isinstance(row, repository.Item):
        responses.oai_dc(sub(record, "metadata"), dublin_core(row, url=context.item_url(row), places=context.places))


VERB_HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
