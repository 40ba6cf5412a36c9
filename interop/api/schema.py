"""The OpenAPI description of the API: every operation takes `lang` and documents its error answers."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from archive.languages import TEXT_LANGUAGES

LANG = OpenApiParameter(
    "lang", str, enum=list(TEXT_LANGUAGES), required=False,
    description="The language of the text fields; without it, the Accept-Language header decides. A text "
                "missing in that language falls back to the record's original language, then English.")
ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True,
                   "description": "For a bad parameter: its name and what is wrong with it."},
    },
    "required": ["detail"],
}
ERRORS = {
    "400": "A parameter the API cannot read.",
    "404": "No such public record, or a page past the last.",
    "429": "Too many requests from this address: wait the number of seconds in the Retry-After header.",
}


class ApiSchema(AutoSchema):
    def get_override_parameters(self):
        return [*super().get_override_parameters(), LANG]


def add_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: every operation may answer 400, 404 and 429 with an error body."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, {
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                })
    return result
