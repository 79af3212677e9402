//! `.widget` templates (exported from widgets.chatkit.studio): a Jinja
//! template that renders a widget root as JSON.

use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use serde::Serialize;
use serde_json::Value;

use super::WidgetRoot;

/// Why a `.widget` definition could not be loaded or built.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// The definition is not the expected JSON object.
    #[error("invalid widget definition: {0}")]
    Definition(String),
    /// The definition's `version` is not `1.0`.
    #[error("unsupported widget spec version: {0}")]
    UnsupportedVersion(String),
    /// The template does not compile or failed to render (e.g. a missing variable).
    #[error("widget template failed: {0}")]
    Render(#[from] minijinja::Error),
    /// The rendered output is not a valid widget root.
    #[error("widget template rendered an invalid widget: {0}")]
    Output(#[from] serde_json::Error),
}

/// A loaded `.widget` definition, ready to build widgets from data.
#[derive(Clone, Debug)]
pub struct WidgetTemplate {
    name: String,
    source: String,
    data_schema: Value,
}

impl WidgetTemplate {
    /// Loads a definition from the text of a `.widget` file.
    pub fn from_json(definition: &str) -> Result<Self, TemplateError> {
        let definition: Value = serde_json::from_str(definition)
            .map_err(|error| TemplateError::Definition(error.to_string()))?;
        Self::from_value(definition)
    }

    /// Loads a parsed definition: `{version: "1.0", name, template, jsonSchema?}`.
    pub fn from_value(definition: Value) -> Result<Self, TemplateError> {
        let Value::Object(mut definition) = definition else {
            return Err(TemplateError::Definition("not a JSON object".to_owned()));
        };
        match definition.get("version") {
            Some(Value::String(version)) if version == "1.0" => {}
            Some(other) => return Err(TemplateError::UnsupportedVersion(other.to_string())),
            None => return Err(TemplateError::Definition("missing `version`".to_owned())),
        }
        let text = |field: &str, definition: &mut serde_json::Map<String, Value>| match definition
            .remove(field)
        {
            Some(Value::String(text)) => Ok(text),
            _ => Err(TemplateError::Definition(format!(
                "`{field}` must be a string"
            ))),
        };
        let name = text("name", &mut definition)?;
        let source = text("template", &mut definition)?;
        // Compile once so a broken template fails at load time, not at first use.
        environment().template_from_str(&source)?;
        Ok(Self {
            name,
            source,
            data_schema: definition
                .remove("jsonSchema")
                .unwrap_or_else(|| Value::Object(Default::default())),
        })
    }

    /// The template's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The JSON Schema of the data (informative; not enforced, as in the SDK).
    pub fn data_schema(&self) -> &Value {
        &self.data_schema
    }

    /// Renders the template with `data` (a map: a struct, a JSON object, or
    /// `()` for none) and parses the result as a widget root.
    ///
    /// Variables are strict: using one that `data` lacks is an error.
    pub fn build<T: Serialize + ?Sized>(&self, data: &T) -> Result<WidgetRoot, TemplateError> {
        let rendered = environment().render_str(&self.source, data)?;
        Ok(serde_json::from_str(&rendered)?)
    }
}

/// The Jinja environment the SDK uses: strict undefined, no autoescaping.
fn environment() -> Environment<'static> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    environment.add_filter("tojson", strict_tojson);
    environment
}

/// `tojson` that refuses undefined values, as Jinja2's `StrictUndefined` does
/// (minijinja's own would write `null` and hide a missing variable).
fn strict_tojson(value: minijinja::Value) -> Result<String, minijinja::Error> {
    if value.is_undefined() {
        return Err(minijinja::Error::new(
            ErrorKind::UndefinedError,
            "tojson got an undefined value",
        ));
    }
    serde_json::to_string(&value).map_err(|error| {
        minijinja::Error::new(ErrorKind::InvalidOperation, "tojson failed").with_source(error)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::widgets::tests::{
        SDK_BASIC_ROOT, SDK_CARD_NO_DATA, SDK_CARD_WITH_DATA, sdk_list_view, with_action_defaults,
    };

    /// A `.widget` definition around `template` (the SDK's files also carry
    /// `jsonSchema`, `outputJsonPreview` and `encodedWidget`, unused here).
    fn definition(template: &str) -> String {
        json!({"version": "1.0", "name": "test", "template": template, "jsonSchema": {}})
            .to_string()
    }

    /// Builds `template` with `data` and compares with the SDK's expected output.
    fn assert_builds(template: &str, data: &Value, expected: &str) {
        let template = WidgetTemplate::from_json(&definition(template)).unwrap();
        let root = template.build(data).unwrap();
        let mut expected: Value = serde_json::from_str(expected).unwrap();
        with_action_defaults(&mut expected);
        assert_eq!(serde_json::to_value(&root).unwrap(), expected);
    }

    // Templates copied from the SDK's tests/assets/widgets/*.widget.
    const BASIC_ROOT: &str = r#"{"type":"Basic","children":[{"type":"Col","gap":1,"children":[{"type":"Title","value":{{ (name) | tojson }},"size":"sm"},{"type":"Text","value":{{ (bio) | tojson }},"size":"sm"}]}]}"#;
    const CARD_WITH_DATA: &str = r#"{"type":"Card","size":"md","children":[{"type":"Row","children":[{"type":"Text","value":{{ (channel) | tojson }}},{"type":"Spacer"},{"type":"Text","value":{{ (time) | tojson }},"color":"tertiary"}]},{"type":"Divider","flush":true},{"type":"Row","align":"start","gap":4,"children":[{"type":"Image","src":{{ (user.image) | tojson }},"size":44},{"type":"Col","children":[{"type":"Text","value":{{ (user.name) | tojson }},"weight":"semibold"},{"type":"Markdown","value":{{ (("End of week update for ChatKit:\n\n1. Designed **new header system** with more flexibility for custom menu actions.\n2. Made progress on **DevDay training material**.\n3. Coordinated with partners to **prioritize remaining feature requirements**.\n\n**Next week** I plan to focus on building out our Figma library and updating to new icons.")) | tojson }}}]}]},{"type":"Spacer"}]}"#;
    const LIST_VIEW_WITH_DATA: &str = r#"{"type":"ListView","children":[{%- set _c -%}{%-for item in items -%},{"type":"ListViewItem","key":{{ (item.id) | tojson }},"gap":5,"onClickAction":{"type":"line.select","payload":{"id":{{ (item.id) | tojson }}}},"children":[{"type":"Box","background":{{ (item.color) | tojson }},"radius":"full","size":25},{"type":"Text","value":{{ (item.label) | tojson }},"size":"sm"}]}{%-endfor-%}{%- endset -%}{{- (_c[1:] if _c and _c[0] == ',' else _c) -}}]}"#;

    #[test]
    fn builds_the_sdk_templates() {
        assert_builds(
            BASIC_ROOT,
            &json!({"name": "Harry Potter", "bio": "The boy who lived"}),
            SDK_BASIC_ROOT,
        );
        assert_builds(
            CARD_WITH_DATA,
            &json!({"channel": "#proj-chatkit", "time": "4:48 PM",
                    "user": {"image": "/pam.png", "name": "Pam Beesly"}}),
            SDK_CARD_WITH_DATA,
        );
        assert_builds(
            LIST_VIEW_WITH_DATA,
            &json!({"items": [
                {"id": "blue", "label": "Blue line", "color": "blue-500"},
                {"id": "orange", "label": "Orange line", "color": "orange-500"},
                {"id": "purple", "label": "Purple line", "color": "purple-500"},
            ]}),
            &sdk_list_view(&[
                ("blue", "Blue line"),
                ("orange", "Orange line"),
                ("purple", "Purple line"),
            ]),
        );
        // The no-data templates are the expected JSON itself.
        assert_builds(SDK_CARD_NO_DATA, &Value::Null, SDK_CARD_NO_DATA);
    }

    #[test]
    fn a_basic_root_is_a_widget_root() {
        let template = WidgetTemplate::from_json(&definition(BASIC_ROOT)).unwrap();
        let root = template
            .build(&json!({"name": "Harry Potter", "bio": "The boy who lived"}))
            .unwrap();
        assert_eq!(root.type_name(), "Basic");
        assert_eq!(template.name(), "test");
        assert_eq!(template.data_schema(), &json!({}));
    }

    #[test]
    fn missing_variables_are_errors() {
        let template = WidgetTemplate::from_json(&definition(BASIC_ROOT)).unwrap();
        let error = template.build(&json!({"name": "x"})).unwrap_err();
        assert!(matches!(error, TemplateError::Render(_)), "{error}");
        let template = WidgetTemplate::from_json(&definition(LIST_VIEW_WITH_DATA)).unwrap();
        assert!(template.build(&()).is_err());
    }

    #[test]
    fn a_template_must_render_a_root() {
        let template = WidgetTemplate::from_json(&definition(r#"{"type":"Row"}"#)).unwrap();
        let error = template.build(&()).unwrap_err();
        assert!(error.to_string().contains("got Row"), "{error}");
    }

    #[test]
    fn bad_definitions_are_rejected() {
        let wrong_version = json!({"version": "2.0", "name": "n", "template": "{}"}).to_string();
        assert!(matches!(
            WidgetTemplate::from_json(&wrong_version),
            Err(TemplateError::UnsupportedVersion(_))
        ));
        let no_template = json!({"version": "1.0", "name": "n"}).to_string();
        assert!(matches!(
            WidgetTemplate::from_json(&no_template),
            Err(TemplateError::Definition(_))
        ));
        assert!(matches!(
            WidgetTemplate::from_json(&definition("{% for %}")),
            Err(TemplateError::Render(_))
        ));
        assert!(WidgetTemplate::from_json("[]").is_err());
    }
}
