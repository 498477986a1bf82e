"""The OpenAPI schema of the API: every operation gets a description and its possible error responses
(drf-spectacular's AutoSchema, named in settings.REST_FRAMEWORK)."""

from __future__ import annotations

from django.utils import translation
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import get_doc
from drf_spectacular.utils import OpenApiParameter

from core.api import has_revision

# --- Schema ---------------------------------------------------------------------------------------------------------

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": "Messages per field; 'non_field_errors' for the row as a whole.",
    "additionalProperties": True,
}
ERROR_DESCRIPTIONS = {
    "400": (
        "Invalid input: messages per field (or per indicator for bulk values); also a field the endpoint "
        "does not know or does not let you change, named with its message."
    ),
    "401": "Not signed in: send a session cookie or 'Authorization: Token <key>'.",
    "403": "Signed in, but your role does not allow this.",
    "404": "No such row among those you may see (or no such page).",
    "409": "Conflict: a stale 'revision' in the body, or rows still refer to this one.",
    "412": "The If-Match revision is stale: somebody else saved in the meantime.",
    "428": "Send the revision you loaded (If-Match or 'revision' in the body).",
}

ACTION_DESCRIPTIONS = {
    "list": "List the {plural} you may see, filtered, ordered and paginated. {rule}",
    "retrieve": "One {name}, if you may see it (404 otherwise). The ETag header carries its revision.",
    "create": (
        "Add {a_name}. Validated like the forms (400 with messages per field); the new row must be one your "
        "role may change (403 otherwise; 404 when you cannot see the row it belongs to)."
    ),
    "update": (
        "Replace {a_name} your role may change. Send the revision you loaded in If-Match (stale: 412) or as "
        "'revision' in the body (stale: 409); without it: 428."
    ),
    "partial_update": (
        "Change some fields of {a_name} your role may change. Send the revision you loaded in If-Match "
        "(stale: 412) or as 'revision' in the body (stale: 409); without it: 428."
    ),
    "destroy": "Delete {a_name} your role may change (403 otherwise; 409 when other rows still refer to it).",
}
ACCESS_RULE = (
    "Anonymous callers see what citizens see: the public parts of published plans. Members of a zone also "
    "see the drafts and restricted parts of their zone."
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag of the row as you loaded it, e.g. \"3\" (alternative to 'revision' in the body).",
)


class AutoSchema(SpectacularAutoSchema):
    """Every operation gets a description and its possible error responses."""

    def get_description(self):
        explicit = super().get_description()
        action = getattr(self.view, "action", None)
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        template = ACTION_DESCRIPTIONS.get(action)
        if not template or model is None:
            return explicit
        view_doc = get_doc(self.view.__class__)
        if explicit and explicit != view_doc:
            return explicit  # the action's own docstring or extend_schema description
        # The descriptions are written in English; so are the model names in them.
        with translation.override("en"):
            name, plural = str(model._meta.verbose_name), str(model._meta.verbose_name_plural)
        article = "an" if name[:1].lower() in "aeiou" else "a"
        generic = template.format(name=name, a_name=f"{article} {name}", plural=plural, rule=ACCESS_RULE)
        return f"{generic}\n\n{view_doc}" if view_doc else generic

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        action = getattr(self.view, "action", None)
        optional = action in getattr(self.view, "if_match_actions", ())
        if (action in ("update", "partial_update", "destroy") or optional) and model and has_revision(model):
            parameters.append(IF_MATCH)
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "404"]  # 401 also answers a bad token on a read
        if self.method != "GET":
            codes += ["403"]
        action = getattr(self.view, "action", None)
        if action in ("update", "partial_update"):
            codes += ["409", "412", "428"]
        elif action == "destroy" or action in getattr(self.view, "if_match_actions", ()):
            codes += ["409", "412"]
        for code in codes:
            if code in responses:
                continue
            schema = VALIDATION_ERROR_SCHEMA if code == "400" else ERROR_SCHEMA
            responses[code] = {
                "content": {"application/json": {"schema": schema}},
                "description": ERROR_DESCRIPTIONS[code],
            }
        return responses
