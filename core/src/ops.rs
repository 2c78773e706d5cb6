//! The registry of write operations: each has a stable id (`v3.subscribers.create`), the schema
//! of its body, and the rules that span several records (e.g. duplicate emails in one batch).
//!
//! This is the one entry point the npm package and the edge use to validate a body, so the
//! browser, the edge and a back-office job always apply the same rules.

use crate::issue::{push_index, push_key, Issue, Report};
use crate::json::{Document, Json};
use crate::schema::{check, strip_read_only, Ctx, Schema};
use serde_json::Value;

/// A rule over the whole body (e.g. a batch), after the schema checks.
#[derive(Debug, Clone, Copy)]
pub struct BodyRule {
    /// A stable name: the npm package's JavaScript mirrors some rules and finds them by it.
    pub name: &'static str,
    /// Checks the parsed body, reporting into the context.
    pub check: fn(Json<'_>, &mut Ctx),
    /// How the one-pass check of clean bodies ([`Operation::is_clean_json`]) decides the same
    /// question without a parsed body; `None` when it cannot (such operations always take the
    /// full walk).
    pub items: Option<ItemStrings>,
}

/// A body rule's question asked of the string value of one field in each item of a top-level
/// array (items without that field, or whose value is not a string, are left out, as the rule
/// leaves them out).
#[derive(Debug, Clone, Copy)]
pub struct ItemStrings {
    /// The field whose values are collected, e.g. `email`.
    pub field: &'static str,
    /// Whether the collected values, in item order, pass the rule.
    pub accept: fn(&[&str]) -> bool,
}

macro_rules! operations {
    ($($(#[$doc:meta])* $variant:ident = $id:literal => $schema:path, [$($rule:path),*];)*) => {
        /// A write operation whose body can be validated.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Operation {
            $($(#[$doc])* $variant,)*
        }

        impl Operation {
            /// Every operation, in a stable order.
            pub const ALL: &'static [Operation] = &[$(Operation::$variant,)*];

            /// The stable id, e.g. `v3.customers.create`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Operation::$variant => $id,)*
                }
            }

            /// The schema of the request body.
            pub fn schema(self) -> &'static Schema {
                match self {
                    $(Operation::$variant => &$schema,)*
                }
            }

            /// The rules over the whole body, after the schema's.
            pub fn body_rules(self) -> &'static [BodyRule] {
                match self {
                    $(Operation::$variant => &[$($rule),*],)*
                }
            }
        }
    };
}

operations! {
    /// `POST /v3/customers/subscribers`
    V3SubscribersCreate = "v3.subscribers.create" => crate::v3::subscribers::SUBSCRIBER_CREATE, [];
    /// `PUT /v3/customers/subscribers/{id}`
    V3SubscribersUpdate = "v3.subscribers.update" => crate::v3::subscribers::SUBSCRIBER_UPDATE, [];
    /// `POST /v3/customers` (1 to 10 customers)
    V3CustomersCreate = "v3.customers.create" => crate::v3::customers::CUSTOMERS_CREATE, [crate::v3::customers::DUPLICATE_EMAILS];
    /// `PUT /v3/customers` (1 to 10 customers)
    V3CustomersUpdate = "v3.customers.update" => crate::v3::customers::CUSTOMERS_UPDATE, [crate::v3::customers::DUPLICATE_EMAILS];
    /// `POST /v3/customers/addresses`
    V3AddressesCreate = "v3.addresses.create" => crate::v3::addresses::ADDRESSES_CREATE, [];
    /// `PUT /v3/customers/addresses`
    V3AddressesUpdate = "v3.addresses.update" => crate::v3::addresses::ADDRESSES_UPDATE, [];
    /// `POST /v3/customers/attributes`
    V3AttributesCreate = "v3.attributes.create" => crate::v3::attributes::ATTRIBUTES_CREATE, [];
    /// `PUT /v3/customers/attributes`
    V3AttributesUpdate = "v3.attributes.update" => crate::v3::attributes::ATTRIBUTES_UPDATE, [];
    /// `PUT /v3/customers/attribute-values` (upsert)
    V3AttributeValuesUpsert = "v3.attribute_values.upsert" => crate::v3::attribute_values::ATTRIBUTE_VALUES_UPSERT, [crate::v3::attribute_values::CUSTOMER_LIMITS];
    /// `PUT /v3/customers/form-field-values` (upsert; deprecated by BigCommerce)
    V3FormFieldValuesUpsert = "v3.form_field_values.upsert" => crate::v3::form_field_values::FORM_FIELD_VALUES_UPSERT, [];
    /// `PUT /v3/customers/{customerId}/consent`
    V3ConsentUpdate = "v3.consent.update" => crate::v3::consent::CONSENT_UPDATE, [];
    /// `PUT /v3/customers/settings`
    V3SettingsUpdate = "v3.settings.update" => crate::v3::settings::SETTINGS_UPDATE, [];
    /// `PUT /v3/customers/settings/channels/{channel_id}`
    V3ChannelSettingsUpdate = "v3.channel_settings.update" => crate::v3::settings::CHANNEL_SETTINGS_UPDATE, [];
    /// `POST /v3/customers/validate-credentials`
    V3CredentialsValidate = "v3.credentials.validate" => crate::v3::credentials::CREDENTIALS_VALIDATE, [];
    /// `POST /v2/customers`
    V2CustomersCreate = "v2.customers.create" => crate::v2::customers::V2_CUSTOMER_CREATE, [];
    /// `PUT /v2/customers/{customer_id}`
    V2CustomersUpdate = "v2.customers.update" => crate::v2::customers::V2_CUSTOMER_UPDATE, [];
    /// `POST /v2/customers/{customer_id}/addresses`
    V2AddressesCreate = "v2.addresses.create" => crate::v2::addresses::V2_ADDRESS_CREATE, [];
    /// `PUT /v2/customers/{customer_id}/addresses/{customer_address_id}`
    V2AddressesUpdate = "v2.addresses.update" => crate::v2::addresses::V2_ADDRESS_UPDATE, [];
    /// `POST /v2/customer_groups`
    V2CustomerGroupsCreate = "v2.customer_groups.create" => crate::v2::customer_groups::V2_CUSTOMER_GROUP_CREATE, [];
    /// `PUT /v2/customer_groups/{customer_group_id}`
    V2CustomerGroupsUpdate = "v2.customer_groups.update" => crate::v2::customer_groups::V2_CUSTOMER_GROUP_UPDATE, [];
}

/// The body of a request that passed validation, ready to forward: read-only fields removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// What to send upstream.
    pub body: Value,
    /// Tolerated problems (e.g. read-only fields that were dropped).
    pub warnings: Vec<Issue>,
}

impl Operation {
    /// Looks an operation up by its id.
    ///
    /// ```
    /// use bc_customers_core::Operation;
    /// assert_eq!(Operation::from_id("v3.subscribers.create"), Some(Operation::V3SubscribersCreate));
    /// assert_eq!(Operation::from_id("nope"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Operation> {
        Operation::ALL.iter().copied().find(|op| op.id() == id)
    }

    /// Validates a body, reporting every problem at once.
    ///
    /// ```
    /// use bc_customers_core::Operation;
    /// let report = Operation::V3SubscribersCreate.validate(&serde_json::json!({"email": "no"}));
    /// assert_eq!(report.errors[0].path, "email");
    /// assert_eq!(report.errors[0].code, "too_short");
    /// ```
    pub fn validate(self, body: &Value) -> Report {
        self.validate_document(Document::from_value(body).root())
    }

    /// Validates a body read with [`crate::json::parse`] (the same walk as
    /// [`Operation::validate`], without building a `Value`).
    ///
    /// ```
    /// use bc_customers_core::{json, Operation};
    /// let doc = json::parse(r#"{"email": "jane@example.com"}"#).unwrap();
    /// assert!(Operation::V3SubscribersCreate.validate_document(doc.root()).is_valid());
    /// ```
    pub fn validate_document(self, body: Json<'_>) -> Report {
        let mut ctx = Ctx::new();
        check(self.schema(), body, &mut ctx);
        for rule in self.body_rules() {
            (rule.check)(body, &mut ctx);
        }
        ctx.finish()
    }

    /// Validates a body given as JSON text, straight from the text. Malformed JSON gives one
    /// `invalid_json` issue at the path where parsing failed.
    ///
    /// ```
    /// use bc_customers_core::Operation;
    /// let report = Operation::V3CustomersCreate.validate_json(r#"[{"email": "a@b.co"}, {"#);
    /// assert_eq!(report.errors[0].code, "invalid_json");
    /// assert_eq!(report.errors[0].path, "[1]");
    /// ```
    pub fn validate_json(self, text: &str) -> Report {
        if self.is_clean_json(text) {
            return Report::default();
        }
        match crate::json::parse(text) {
            Ok(doc) => self.validate_document(doc.root()),
            Err(issue) => Report {
                errors: vec![issue],
                warnings: vec![],
            },
        }
    }

    /// Whether a JSON text body is surely clean: valid, without warnings, and forwarded as it
    /// is. A one-pass check for the common case, which [`Operation::validate_json`] runs
    /// first; `false` only means "not sure", and [`Operation::validate_json`] then decides and
    /// reports.
    ///
    /// ```
    /// use bc_customers_core::Operation;
    /// let op = Operation::V3SubscribersCreate;
    /// assert!(op.is_clean_json(r#"{"email": "jane@example.com"}"#));
    /// assert!(!op.is_clean_json(r#"{"email": "jane"}"#));
    /// ```
    pub fn is_clean_json(self, text: &str) -> bool {
        crate::fast::is_clean(self.schema(), self.body_rules(), text)
    }

    /// Validates a body and, when it is acceptable, returns what to forward upstream.
    pub fn prepare(self, mut body: Value) -> Result<Prepared, Report> {
        let report = self.validate(&body);
        if !report.is_valid() {
            return Err(report);
        }
        strip_read_only(self.schema(), &mut body);
        Ok(Prepared {
            body,
            warnings: report.warnings,
        })
    }
}

/// Parses JSON text; on failure returns an `invalid_json` issue whose path is where the parser
/// stopped (e.g. `[3].addresses[0]`), and whose message gives line and column but no content.
///
/// ```
/// use bc_customers_core::ops::parse_json;
/// let issue = parse_json(r#"[{"email": "a@b.co"}, {"addresses": [{"city": }]}]"#).unwrap_err();
/// assert_eq!(issue.code, "invalid_json");
/// assert_eq!(issue.path, "[1].addresses[0].city");
/// ```
pub fn parse_json(text: &str) -> Result<Value, Issue> {
    match serde_json::from_str(text) {
        Ok(v) => Ok(v),
        Err(_) => {
            // Slow path only on failure: re-parse while tracking where we are.
            let de = &mut serde_json::Deserializer::from_str(text);
            let err = match serde_path_to_error::deserialize::<_, Value>(&mut *de) {
                // One complete value followed by more than whitespace: `[1] x`.
                Ok(v) => match de.end() {
                    Ok(()) => return Ok(v),
                    Err(e) => return Err(invalid_json(String::new(), &e)),
                },
                Err(e) => e,
            };
            let mut path = String::new();
            for seg in err.path().iter() {
                match seg {
                    serde_path_to_error::Segment::Seq { index } => push_index(&mut path, *index),
                    serde_path_to_error::Segment::Map { key } => push_key(&mut path, key),
                    _ => {}
                }
            }
            Err(invalid_json(path, err.inner()))
        }
    }
}

fn invalid_json(path: String, error: &serde_json::Error) -> Issue {
    let what = match error.classify() {
        serde_json::error::Category::Eof => "unexpected end of input",
        serde_json::error::Category::Syntax => "syntax error",
        _ => "invalid data",
    };
    Issue::new(
        path,
        "invalid_json",
        format!(
            "malformed JSON: {what} at line {} column {}",
            error.line(),
            error.column()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_characters_are_invalid_json() {
        // The located re-parse once stopped after the first value and took `[1] x` for `[1]`.
        for text in ["[1] x", "{\"a\":1}}", "[1]]", "\"a\" \"b\""] {
            let issue = parse_json(text).unwrap_err();
            assert_eq!(issue.code, "invalid_json", "{text}");
            assert_eq!(issue.path, "", "{text}");
            assert!(issue
                .message
                .starts_with("malformed JSON: syntax error at line 1"));
            let report = Operation::V3SubscribersCreate.validate_json(text);
            assert_eq!(report.errors, vec![issue]);
        }
    }
}
