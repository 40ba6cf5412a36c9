"""The exhibit builder's block forms: the fields the block's kind uses, then the ones it does not."""

import json
from dataclasses import dataclass

from django import template
from django.contrib.admin.helpers import InlineFieldset
from django.utils.translation import gettext as _

from exhibits.models import Block

register = template.Library()


@dataclass
class BlockParts:
    used: InlineFieldset
    unused: InlineFieldset | None
    items_used: bool


def _names(line):
    return line if isinstance(line, (tuple, list)) else (line,)


@register.simple_tag
def block_parts(inline_admin_form):
    """The block form's fields in two groups: those its kind uses, and those it does not (shown without
    JavaScript under "Not used by this kind"; the builder's script hides them)."""
    form = inline_admin_form.form
    block = Block(kind=form["kind"].value() or "")
    known = block.kind in Block.FIELDS
    ((_name, options),) = inline_admin_form.fieldsets
    lines = options["fields"]
    used = [line for line in lines if not known or all(block.uses(name) for name in _names(line))]
    unused = [line for line in lines if line not in used]

    def fieldset(fields, **options):
        return InlineFieldset(inline_admin_form.formset, form, readonly_fields=inline_admin_form.readonly_fields,
                              model_admin=inline_admin_form.model_admin, fields=fields, **options)

    return BlockParts(used=fieldset(used, classes=("five-languages",)),
                      unused=fieldset(unused, name=_("Not used by this kind"), classes=("five-languages", "block-unused"))
                      if unused else None,
                      items_used=not known or block.uses("items"))


@register.simple_tag
def block_fields_json():
    """{kind: [fields it uses]} and the fields that depend on the kind, for the builder's script."""
    return json.dumps({"kinds": {kind: [*Block.COMMON_FIELDS, *used] for kind, used in Block.FIELDS.items()},
                       "optional": Block.kind_fields()})
