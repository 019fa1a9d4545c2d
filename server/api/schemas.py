"""Marshmallow schemas of every request and response of the API (and so of its OpenAPI
document)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from common.roles import ROLES
from common.units.models import UNIT_KINDS
from common.workflow import STATUSES

# \Z, never $: `$` also matches before a final newline ("0102\n" would pass). Ids are
# lower-case, as the sync protocol has them: one id, one spelling.
_CODE = validate.Regexp(r"[0-9]{2}([0-9]{2}){0,3}\Z", error="an official area code: 2-8 digits")
_UUID = validate.Regexp(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z",
                        error="a lower-case UUID")
_KIND = validate.OneOf(list(UNIT_KINDS))
_YEAR = validate.Range(2015, 2100)


class ErrorSchema(Schema):
    """The one shape of every error."""

    status = fields.Integer(required=True)
    code = fields.String(required=True)
    message = fields.String(required=True)
    details = fields.Dict()


# --------------------------------------------------------------------------- accounts


class LoginSchema(Schema):
    username = fields.String(required=True, validate=validate.Length(1, 80))
    password = fields.String(required=True, validate=validate.Length(1, 200),
                             load_only=True)
    device_id = fields.String(validate=_UUID, metadata={
        "description": "A UUID the client made for this computer: recorded in the audit."})
    device_name = fields.String(validate=validate.Length(0, 200))


class UserSchema(Schema):
    id = fields.String()
    username = fields.String()
    full_name = fields.String()
    role = fields.String()
    area_code = fields.String(allow_none=True)
    unit_id = fields.String(allow_none=True)
    delegated_approval = fields.Boolean()
    language = fields.String()
    active = fields.Boolean()
    must_change_password = fields.Boolean(metadata={
        "description": "An administrator chose the password (a new account, a reset): the "
                       "account's tokens only change it (`POST /auth/password`), say who the "
                       "user is and sign out until the user chooses their own."})


class TokensSchema(Schema):
    access_token = fields.String(required=True)
    refresh_token = fields.String(required=True)
    token_type = fields.String(required=True)
    expires_in = fields.Integer(required=True, metadata={"description": "seconds"})
    user = fields.Nested(UserSchema, required=True)


class LoginTokensSchema(TokensSchema):
    device_key = fields.String(allow_none=True, metadata={
        "description": "With a device id: the secret (hex) this computer's local data key "
                       "is also kept under, so a sign-in after a password change elsewhere "
                       "still opens it. Only in this answer, never from a token refresh."})


class PasswordChangeSchema(Schema):
    old_password = fields.String(required=True, validate=validate.Length(1, 200))
    new_password = fields.String(required=True, validate=validate.Length(1, 200))
    keep_signed_in = fields.Boolean(load_default=False, metadata={
        "description": "Answer with a new sign-in for this computer (its tokens) instead of "
                       "ending this one with the others."})


class UserCreateSchema(Schema):
    username = fields.String(required=True, validate=validate.Length(1, 80))
    full_name = fields.String(required=True, validate=validate.Length(1, 200))
    password = fields.String(required=True, validate=validate.Length(1, 200), load_only=True)
    role = fields.String(required=True, validate=validate.OneOf(list(ROLES)))
    area_code = fields.String(allow_none=True, validate=_CODE)
    unit_id = fields.String(allow_none=True, validate=_UUID)
    delegated_approval = fields.Boolean(load_default=False)
    language = fields.String(load_default="km", validate=validate.OneOf(["km", "en"]))


class UserUpdateSchema(Schema):
    full_name = fields.String(validate=validate.Length(1, 200))
    password = fields.String(validate=validate.Length(1, 200), load_only=True)
    role = fields.String(validate=validate.OneOf(list(ROLES)))
    area_code = fields.String(allow_none=True, validate=_CODE)
    unit_id = fields.String(allow_none=True, validate=_UUID)
    delegated_approval = fields.Boolean()
    language = fields.String(validate=validate.OneOf(["km", "en"]))
    active = fields.Boolean()


class UserQuerySchema(Schema):
    area_code = fields.String(validate=_CODE)
    role = fields.String(validate=validate.OneOf(list(ROLES)))


# --------------------------------------------------------------------------- reference data


class AreaSchema(Schema):
    code = fields.String()
    level = fields.String()
    kind = fields.String()
    parent_code = fields.String(allow_none=True)
    name_km = fields.String()
    name_en = fields.String()
    active = fields.Boolean()


class AreaQuerySchema(Schema):
    parent = fields.String(validate=_CODE, metadata={"description": "children of this area"})
    level = fields.String(validate=validate.OneOf(["province", "district", "commune",
                                                   "village"]))


class UnitSchema(Schema):
    id = fields.String()
    code = fields.String()
    kind = fields.String()
    name_km = fields.String()
    name_en = fields.String()
    commune_code = fields.String()
    active = fields.Boolean()


class UnitQuerySchema(Schema):
    area = fields.String(validate=_CODE, metadata={"description": "units inside this area"})
    kind = fields.String(validate=_KIND)
    include_inactive = fields.Boolean(load_default=False)


class DefinitionSummarySchema(Schema):
    form = fields.String()
    version = fields.Integer()
    service_kind = fields.String()
    title_km = fields.String()
    title_en = fields.String()
    checksum = fields.String()
    published_at = fields.DateTime()


class DefinitionSchema(DefinitionSummarySchema):
    content = fields.Dict(metadata={"description": "the definition, as docs/FORMS.md"})


# --------------------------------------------------------------------------- forms


class ProblemSchema(Schema):
    field = fields.String()
    indicator = fields.String()
    severity = fields.String()
    code = fields.String()
    message_km = fields.String()
    message_en = fields.String()


class FormCreateSchema(Schema):
    id = fields.String(required=True, validate=_UUID,
                       metadata={"description": "made by the client"})
    unit_id = fields.String(required=True, validate=_UUID)
    year = fields.Integer(required=True, validate=_YEAR)
    form_code = fields.String(required=True, validate=_KIND)


class FormSummarySchema(Schema):
    id = fields.String()
    unit_id = fields.String()
    year = fields.Integer()
    form_code = fields.String()
    definition_version = fields.Integer()
    status = fields.String()
    status_comment = fields.String(allow_none=True)
    revision = fields.Integer()
    updated_at = fields.DateTime()


class FormSchema(FormSummarySchema):
    unit = fields.Nested(UnitSchema)
    values = fields.Dict(metadata={"description": "entered values by field"})
    computed = fields.Dict(metadata={"description": "totals and computed indicators"})
    problems = fields.List(fields.Nested(ProblemSchema))
    confirmations = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "'field:code' of each confirmed warning, with its reason"})
    allowed_actions = fields.List(fields.String())


class FormQuerySchema(Schema):
    area = fields.String(validate=_CODE)
    unit_id = fields.String(validate=_UUID)
    year = fields.Integer(validate=_YEAR)
    status = fields.String(validate=validate.OneOf(list(STATUSES)))
    form_code = fields.String(validate=_KIND)
    limit = fields.Integer(load_default=200, validate=validate.Range(1, 1000))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, 10_000_000))


class ValuesUpdateSchema(Schema):
    values = fields.Dict(keys=fields.String(validate=validate.Length(1, 100)),
                         values=fields.Raw(allow_none=True), load_default=dict,
                         metadata={"description": "field -> value; null clears a value"})
    confirmations = fields.Dict(keys=fields.String(validate=validate.Length(1, 200)),
                                values=fields.String(validate=validate.Length(1, 1000)),
                                load_default=dict, metadata={
                                    "description": "'field:code' of a warning -> reason"})


class TransitionSchema(Schema):
    comment = fields.String(validate=validate.Length(0, 2000), load_default=None,
                            allow_none=True)


class HistoryEventSchema(Schema):
    id = fields.Integer()
    at = fields.DateTime()
    user_id = fields.String()
    username = fields.String()
    device_id = fields.String(allow_none=True)
    action = fields.String()
    field = fields.String(allow_none=True)
    old_value = fields.Raw(allow_none=True)
    new_value = fields.Raw(allow_none=True)
    comment = fields.String(allow_none=True)


class CompletenessQuerySchema(Schema):
    area = fields.String(validate=_CODE, metadata={"description": "omit for the country"})
    year = fields.Integer(required=True, validate=_YEAR)
    kind = fields.List(fields.String(validate=_KIND))


class CountsSchema(Schema):
    missing = fields.Integer()
    draft = fields.Integer()
    submitted = fields.Integer()
    returned = fields.Integer()
    approved = fields.Integer()
    published = fields.Integer()
    units = fields.Integer()


class CompletenessUnitSchema(Schema):
    unit_id = fields.String()
    code = fields.String()
    kind = fields.String()
    name_km = fields.String()
    name_en = fields.String()
    commune_code = fields.String()
    status = fields.String()
    form_id = fields.String(allow_none=True)


class CompletenessChildSchema(Schema):
    area_code = fields.String()
    name_en = fields.String()
    counts = fields.Nested(CountsSchema)


class CompletenessSchema(Schema):
    area_code = fields.String(allow_none=True)
    year = fields.Integer()
    totals = fields.Nested(CountsSchema)
    children = fields.List(fields.Nested(CompletenessChildSchema))
    units = fields.List(fields.Nested(CompletenessUnitSchema))


# --------------------------------------------------------------------------- public


class PublicFormSummarySchema(Schema):
    """A published form in a list: nothing of the internal review (comments) is shown."""

    id = fields.String()
    unit_id = fields.String()
    year = fields.Integer()
    form_code = fields.String()
    definition_version = fields.Integer()
    updated_at = fields.DateTime()


class PublicQuerySchema(Schema):
    area = fields.String(validate=_CODE)
    year = fields.Integer(validate=_YEAR)
    kind = fields.String(validate=_KIND)
    limit = fields.Integer(load_default=200, validate=validate.Range(1, 1000))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, 10_000_000))


class PublicIndicatorSchema(Schema):
    code = fields.String()
    section = fields.String()
    label_km = fields.String()
    label_en = fields.String()
    type = fields.String()
    unit_km = fields.String(allow_none=True)
    unit_en = fields.String(allow_none=True)
    value = fields.Raw(allow_none=True)
    female = fields.Raw(allow_none=True)
    male = fields.Raw(allow_none=True)
    standard_target = fields.Raw(allow_none=True)
    standard_direction = fields.String(allow_none=True)
    standard_status = fields.String(allow_none=True, metadata={
        "description": "official, or proposed (not yet an official national standard)"})
    standard_source = fields.String(allow_none=True, metadata={
        "description": "the official text and its date, or who proposed the standard"})
    standard_met = fields.Boolean(allow_none=True)


class PublicPlaceSchema(Schema):
    code = fields.String()
    name_km = fields.String()
    name_en = fields.String()


class PublicFigureSchema(Schema):
    average = fields.Float(metadata={
        "description": "the mean over the district's units that have a value (of 1/0 for "
                       "a yes/no: the share answering yes; of minutes for a time)"})
    units = fields.Integer(metadata={"description": "how many units' values it covers"})
    met = fields.Integer(allow_none=True, metadata={
        "description": "how many of them meet the standard; null without a judged standard"})


class PublicDistrictSchema(PublicPlaceSchema):
    units = fields.Integer(metadata={
        "description": "how many units' approved and published forms the figures cover"})
    indicators = fields.Dict(keys=fields.String(), values=fields.Nested(PublicFigureSchema))


class PublicFormQuerySchema(Schema):
    official_only = fields.Boolean(load_default=False, metadata={
        "description": "judge official standards only: a proposed one's figure stays, "
                       "without its standard"})


class PublicFormSchema(Schema):
    id = fields.String()
    year = fields.Integer()
    form_code = fields.String()
    definition_version = fields.Integer()
    title_km = fields.String()
    title_en = fields.String()
    unit = fields.Nested(UnitSchema)
    commune = fields.Nested(PublicPlaceSchema)
    district = fields.Nested(PublicDistrictSchema)
    province = fields.Nested(PublicPlaceSchema)
    indicators = fields.List(fields.Nested(PublicIndicatorSchema))
