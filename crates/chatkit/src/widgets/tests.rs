//! Wire-format tests for widgets: every component round-trips, nulls are
//! dropped, roots are validated, and the SDK's expected template outputs load.

use serde_json::{Value, json};

use super::*;

/// Parses `text` as a component, checks it is typed as `kind` (not dynamic),
/// and that writing it back gives the same text.
fn assert_typed_round_trip(kind: &str, text: &str) {
    let component: WidgetComponent = serde_json::from_str(text).unwrap();
    assert!(
        !matches!(component, WidgetComponent::Dynamic(_)),
        "{kind} parsed as dynamic: {text}"
    );
    assert_eq!(component.type_name(), kind);
    assert_eq!(serde_json::to_string(&component).unwrap(), text, "{kind}");
}

const ACTION: &str = r#"{"type":"a.b","payload":{"id":1},"handler":"server","loadingBehavior":"auto","streaming":true}"#;

#[test]
fn every_component_round_trips_with_unknown_props() {
    let samples = [
        (
            "Text",
            r#"{"key":"k","id":"t1","type":"Text","value":"Hi","streaming":true,"italic":false,"lineThrough":true,"color":{"light":"red-100","dark":"red-900"},"weight":"semibold","width":120,"size":"sm","textAlign":"center","truncate":true,"minLines":1,"maxLines":3,"editable":{"name":"title","autoFocus":true,"required":true},"future":{"x":[1,"y"]}}"#.to_owned(),
        ),
        (
            "Title",
            r#"{"type":"Title","value":"Big","color":"primary","weight":"bold","size":"3xl","textAlign":"start","truncate":false,"maxLines":2,"future":1}"#.to_owned(),
        ),
        (
            "Caption",
            r#"{"type":"Caption","value":"small","color":"secondary","weight":"normal","size":"lg","textAlign":"end","truncate":true,"maxLines":1,"future":true}"#.to_owned(),
        ),
        (
            "Markdown",
            r#"{"id":"md","type":"Markdown","value":"**x**","streaming":false,"future":"y"}"#.to_owned(),
        ),
        (
            "Badge",
            r#"{"type":"Badge","label":"today","color":"discovery","variant":"soft","size":"md","pill":true,"future":[]}"#.to_owned(),
        ),
        (
            "Button",
            format!(
                r#"{{"type":"Button","submit":true,"label":"Done","onClickAction":{ACTION},"iconStart":"check","iconEnd":"lucide:arrow-right","style":"primary","iconSize":"2xl","color":"caution","variant":"ghost","size":"3xs","pill":false,"uniform":true,"block":true,"disabled":false,"future":{{}}}}"#
            ),
        ),
        (
            "Divider",
            r#"{"type":"Divider","color":"subtle","size":2,"spacing":"8px","flush":true,"future":0}"#.to_owned(),
        ),
        ("Spacer", r#"{"type":"Spacer","minSize":"1rem","future":0}"#.to_owned()),
        (
            "Icon",
            r#"{"type":"Icon","name":"vendor:thing","color":"emphasis","size":"xs","future":0}"#.to_owned(),
        ),
        (
            "Image",
            r#"{"type":"Image","src":"/a.png","alt":"A","fit":"scale-down","position":"bottom right","radius":"100%","frame":true,"flush":false,"height":10,"width":"50%","size":44,"minHeight":1,"minWidth":2,"minSize":3,"maxHeight":4,"maxWidth":5,"maxSize":6,"margin":{"top":"1px","x":2},"background":"surface","aspectRatio":1.7777777777777777,"flex":1,"future":0}"#.to_owned(),
        ),
        (
            "Box",
            r#"{"children":[{"type":"Text","value":"a"}],"align":"baseline","justify":"evenly","wrap":"wrap-reverse","flex":"1 1 auto","gap":2,"height":2.5,"width":100,"padding":{"top":1,"right":2,"bottom":3,"left":4},"margin":"auto","border":{"size":1,"color":"strong","style":"dashed"},"radius":"2xs","background":{"light":"white","dark":"black"},"aspectRatio":"16 / 9","type":"Box","direction":"col","future":0}"#.to_owned(),
        ),
        (
            "Row",
            r#"{"children":[],"gap":1,"padding":2,"border":{"top":1,"x":{"size":2}},"type":"Row","future":0}"#.to_owned(),
        ),
        ("Col", r#"{"align":"stretch","border":3,"type":"Col"}"#.to_owned()),
        (
            "Form",
            format!(
                r#"{{"children":[{{"type":"Input","name":"title"}}],"gap":3,"type":"Form","onSubmitAction":{ACTION},"direction":"row","future":0}}"#
            ),
        ),
        (
            "Input",
            r#"{"type":"Input","name":"email","inputType":"email","defaultValue":"a@b.c","required":true,"pattern":".+@.+","placeholder":"you@example.com","allowAutofillExtensions":false,"autoSelect":true,"autoFocus":true,"disabled":false,"variant":"outline","size":"lg","gutterSize":"2xs","pill":true,"future":0}"#.to_owned(),
        ),
        (
            "Textarea",
            r#"{"type":"Textarea","name":"notes","defaultValue":"x","required":false,"pattern":".*","placeholder":"Notes","autoSelect":false,"autoFocus":true,"disabled":false,"variant":"soft","size":"md","gutterSize":"xl","rows":3,"autoResize":true,"maxRows":8,"allowAutofillExtensions":true,"future":0}"#.to_owned(),
        ),
        (
            "Select",
            format!(
                r#"{{"type":"Select","name":"priority","options":[{{"value":"high","label":"High","disabled":false,"description":"Soon"}},{{"value":"low","label":"Low"}}],"onChangeAction":{ACTION},"placeholder":"Pick","defaultValue":"low","variant":"solid","size":"xl","pill":false,"block":true,"clearable":true,"disabled":false,"searchable":false,"future":0}}"#
            ),
        ),
        (
            "DatePicker",
            format!(
                r#"{{"type":"DatePicker","name":"due","onChangeAction":{ACTION},"placeholder":"Due","defaultValue":"2025-01-02T00:00:00","min":"2025-01-01T00:00:00Z","max":"2026-01-01","variant":"outline","size":"sm","side":"left","align":"center","pill":true,"block":false,"clearable":true,"disabled":false,"future":0}}"#
            ),
        ),
        (
            "Checkbox",
            format!(
                r#"{{"type":"Checkbox","name":"done","label":"Done","defaultChecked":true,"onChangeAction":{ACTION},"disabled":false,"required":true,"future":0}}"#
            ),
        ),
        (
            "RadioGroup",
            format!(
                r#"{{"type":"RadioGroup","name":"when","options":[{{"label":"Today","value":"today","disabled":true}},{{"label":"Later","value":"later"}}],"ariaLabel":"When","onChangeAction":{ACTION},"defaultValue":"today","direction":"col","disabled":false,"required":true,"future":0}}"#
            ),
        ),
        (
            "Label",
            r#"{"type":"Label","value":"Title","fieldName":"title","size":"xs","weight":"medium","textAlign":"start","color":"tertiary","future":0}"#.to_owned(),
        ),
        (
            "Transition",
            r#"{"type":"Transition","children":{"type":"Text","value":"x"},"future":0}"#.to_owned(),
        ),
        ("Transition", r#"{"type":"Transition"}"#.to_owned()),
        (
            "Chart",
            r#"{"type":"Chart","data":[{"month":"Jan","done":3,"open":1.5}],"series":[{"type":"bar","label":"Done","dataKey":"done","stack":"a","color":"blue"},{"type":"area","label":"Open","dataKey":"open","stack":"a","color":{"light":"red-100","dark":"red-900"},"curveType":"monotoneX"},{"type":"line","dataKey":"open","curveType":"stepAfter"}],"xAxis":{"dataKey":"month","hide":false,"labels":{"Jan":"January"}},"showYAxis":true,"showLegend":false,"showTooltip":true,"barGap":4,"barCategoryGap":8,"flex":1,"height":200,"aspectRatio":2,"future":0}"#.to_owned(),
        ),
        (
            "Chart",
            r#"{"type":"Chart","data":[],"series":[],"xAxis":"month"}"#.to_owned(),
        ),
        (
            "ListViewItem",
            format!(
                r#"{{"key":"a","type":"ListViewItem","children":[{{"type":"Text","value":"a"}}],"onClickAction":{ACTION},"gap":5,"align":"center","future":0}}"#
            ),
        ),
    ];
    for (kind, text) in &samples {
        assert_typed_round_trip(kind, text);
    }
}

#[test]
fn roots_round_trip_with_unknown_props() {
    let card = format!(
        r#"{{"key":"c","id":"card","type":"Card","asForm":true,"children":[{{"type":"Title","value":"T"}}],"background":"surface-secondary","size":"full","padding":{{"y":4}},"status":{{"text":"Saved","icon":"check"}},"collapsed":false,"confirm":{{"label":"Save","action":{ACTION}}},"cancel":{{"label":"Cancel","action":{ACTION}}},"theme":"dark","border":{{"size":1}}}}"#
    );
    let list = r#"{"type":"ListView","children":[{"type":"ListViewItem","children":[]}],"limit":"auto","status":{"text":"Tasks","favicon":"https://x/f.ico","frame":true},"theme":"light","future":0}"#;
    let basic = r#"{"type":"Basic","children":[{"type":"Card","children":[]}],"theme":"light","direction":"row","gap":2,"padding":1,"align":"end","justify":"between","future":0}"#;
    for text in [card.as_str(), list, basic] {
        let root: WidgetRoot = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&root).unwrap(), text);
    }
}

#[test]
fn list_limit_may_be_a_count() {
    let text = r#"{"type":"ListView","children":[],"limit":5}"#;
    let root: WidgetRoot = serde_json::from_str(text).unwrap();
    let WidgetRoot::ListView(list) = &root else {
        panic!("not a list: {root:?}")
    };
    assert_eq!(list.limit, Some(ListLimit::Count(5)));
    assert_eq!(serde_json::to_string(&root).unwrap(), text);
}

#[test]
fn editable_may_be_false() {
    assert_typed_round_trip("Text", r#"{"type":"Text","value":"x","editable":false}"#);
    let component: WidgetComponent =
        serde_json::from_str(r#"{"type":"Text","value":"x","editable":true}"#).unwrap();
    assert!(matches!(component, WidgetComponent::Dynamic(_)));
}

#[test]
fn unknown_component_types_round_trip_exactly() {
    let table = r#"{"key":"t","type":"Table","children":[{"type":"Table.Row","header":true,"children":[{"type":"Table.Cell","colSpan":2,"vAlign":"top","children":[{"type":"Text","value":"Name"}]}]},{"type":"Table.Row","children":[{"type":"Table.Cell","width":"50%","children":[]}]}]}"#;
    let component: WidgetComponent = serde_json::from_str(table).unwrap();
    let WidgetComponent::Dynamic(dynamic) = &component else {
        panic!("Table parsed as {component:?}")
    };
    assert_eq!(dynamic.type_name(), "Table");
    assert_eq!(serde_json::to_string(&component).unwrap(), table);

    let card = format!(r#"{{"type":"Card","children":[{table},{{"type":"Divider"}}]}}"#);
    let root: WidgetRoot = serde_json::from_str(&card).unwrap();
    let WidgetRoot::Card(parsed) = &root else {
        panic!("not a card")
    };
    assert!(matches!(parsed.children[0], WidgetComponent::Dynamic(_)));
    assert!(matches!(parsed.children[1], WidgetComponent::Divider(_)));
    assert_eq!(serde_json::to_string(&root).unwrap(), card);
}

#[test]
fn known_types_with_props_that_do_not_fit_stay_dynamic() {
    for text in [
        r#"{"type":"Text","value":"x","size":"huge"}"#,
        r#"{"type":"Text"}"#,
        r#"{"type":"Badge","label":"x","color":"purple"}"#,
        r#"{"type":"Row","children":[{"type":"Text","value":"x"}],"gap":true}"#,
    ] {
        let component: WidgetComponent = serde_json::from_str(text).unwrap();
        assert!(
            matches!(component, WidgetComponent::Dynamic(_)),
            "{text}: {component:?}"
        );
        assert_eq!(serde_json::to_string(&component).unwrap(), text);
    }
}

#[test]
fn components_need_an_object_with_a_string_type() {
    for text in [r#"{"value":"x"}"#, r#"{"type":3}"#, r#""Text""#, "[]"] {
        assert!(
            serde_json::from_str::<WidgetComponent>(text).is_err(),
            "{text}"
        );
    }
}

#[test]
fn none_props_are_not_written() {
    // test_widgets.py: test_json_dump_excludes_none_fields(_nested).
    let card = WidgetRoot::from(Card::new(vec![Text::new("Hello").into()]));
    let expected = r#"{"type":"Card","children":[{"type":"Text","value":"Hello"}]}"#;
    assert_eq!(serde_json::to_string(&card).unwrap(), expected);

    let item = json!({"id": "1", "type": "widget", "widget": card});
    let widget = &item["widget"];
    assert_eq!(widget["type"], "Card");
    for absent in ["key", "padding", "status", "collapsed"] {
        assert!(widget.get(absent).is_none(), "{absent}");
    }
    let text = &widget["children"][0];
    assert_eq!(text["type"], "Text");
    assert_eq!(text["value"], "Hello");
    for absent in ["italic", "streaming", "color", "key"] {
        assert!(text.get(absent).is_none(), "{absent}");
    }
}

#[test]
fn nulls_are_dropped_recursively() {
    let text = r#"{"type":"Card","padding":null,"children":[{"type":"Text","value":"x","italic":null,"future":null,"nested":{"a":null,"b":[null,1]}},{"type":"Table","colSpan":null,"children":[{"type":"Table.Cell","width":null}]},{"type":"Button","label":"Go","onClickAction":{"type":"go","payload":{"keep":1,"drop":null}}}]}"#;
    let root: WidgetRoot = serde_json::from_str(text).unwrap();
    assert_eq!(
        serde_json::to_value(&root).unwrap(),
        json!({"type": "Card", "children": [
            {"type": "Text", "value": "x", "nested": {"b": [1]}},
            {"type": "Table", "children": [{"type": "Table.Cell"}]},
            {"type": "Button", "label": "Go", "onClickAction": {
                "type": "go", "payload": {"keep": 1},
                "handler": "server", "loadingBehavior": "auto", "streaming": true,
            }},
        ]})
    );
}

#[test]
fn numbers_are_written_as_read() {
    // Box props come before `type`, in `BoxBase`'s order, as the SDK writes them.
    let text = r#"{"gap":2,"height":2.5,"width":2.0,"padding":4,"type":"Box"}"#;
    let component: WidgetComponent = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&component).unwrap(), text);
    let built = Box::new(vec![]).gap(2).padding(4);
    assert_eq!(
        serde_json::to_string(&WidgetComponent::from(built)).unwrap(),
        r#"{"children":[],"gap":2,"padding":4,"type":"Box"}"#
    );
}

#[test]
fn only_card_list_view_and_basic_are_roots() {
    let error = serde_json::from_str::<WidgetRoot>(r#"{"type":"Row","children":[]}"#)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("widget root must be Card, ListView or Basic, got Row"),
        "{error}"
    );
    assert!(serde_json::from_str::<WidgetRoot>(r#"{"children":[]}"#).is_err());
    assert!(serde_json::from_str::<WidgetRoot>(r#"{"type":"Table"}"#).is_err());

    let basic: WidgetRoot = serde_json::from_str(r#"{"type":"Basic"}"#).unwrap();
    assert_eq!(basic.type_name(), "Basic");
    assert_eq!(
        serde_json::to_string(&basic).unwrap(),
        r#"{"type":"Basic"}"#
    );
}

#[test]
fn an_invalid_root_says_why() {
    let error = serde_json::from_str::<WidgetRoot>(r#"{"type":"Card","children":[],"size":"xl"}"#)
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("invalid Card widget:"), "{error}");
    assert!(serde_json::from_str::<WidgetRoot>(r#"{"type":"Card"}"#).is_err());
}

#[test]
fn a_struct_checks_its_own_type_and_defaults_it() {
    assert!(serde_json::from_str::<Text>(r#"{"type":"Title","value":"x"}"#).is_err());
    // The SDK's models default `type`, so a list row without one still parses.
    let list: WidgetRoot =
        serde_json::from_str(r#"{"type":"ListView","children":[{"children":[]}]}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&list).unwrap(),
        r#"{"type":"ListView","children":[{"type":"ListViewItem","children":[]}]}"#
    );
}

#[test]
fn builders_write_the_expected_json() {
    let root = WidgetRoot::from(
        Card::new(vec![
            Row::new(vec![
                Title::new("Buy milk").into(),
                Spacer::new().into(),
                Badge::new("high").color(BadgeColor::Danger).into(),
            ])
            .gap(2)
            .into(),
            Text::new("Due today").color("secondary").into(),
            Divider::new().flush().into(),
            Button::new("Done")
                .on_click(ActionConfig::server("task.complete", json!({"id": 1})))
                .into(),
        ])
        .status(WidgetStatus::with_icon("Tasks", "check")),
    );
    assert_eq!(
        serde_json::to_value(&root).unwrap(),
        json!({"type": "Card", "children": [
            {"type": "Row", "children": [
                {"type": "Title", "value": "Buy milk"},
                {"type": "Spacer"},
                {"type": "Badge", "label": "high", "color": "danger"},
            ], "gap": 2},
            {"type": "Text", "value": "Due today", "color": "secondary"},
            {"type": "Divider", "flush": true},
            {"type": "Button", "label": "Done", "onClickAction": {
                "type": "task.complete", "payload": {"id": 1},
                "handler": "server", "loadingBehavior": "auto", "streaming": true,
            }},
        ], "status": {"text": "Tasks", "icon": "check"}})
    );

    let text = Text {
        value: "x".into(),
        ..Default::default()
    };
    assert_eq!(text, Text::new("x"));

    let list = ListView::new(vec![
        ListViewItem::new(vec![Text::new("a").with_id("t").into()]).with_key("a"),
    ]);
    assert_eq!(
        serde_json::to_string(&WidgetRoot::from(list)).unwrap(),
        r#"{"type":"ListView","children":[{"key":"a","type":"ListViewItem","children":[{"id":"t","type":"Text","value":"a"}]}]}"#
    );

    let dynamic = DynamicComponent::new("Table")
        .with("type", "Ignored")
        .with("future", 1);
    assert_eq!(
        serde_json::to_string(&WidgetComponent::from(dynamic)).unwrap(),
        r#"{"type":"Table","future":1}"#
    );
}

/// Adds the defaults `ActionConfig` always writes to every action in `value`.
pub(super) fn with_action_defaults(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key.ends_with("Action") || key == "action" {
                    if let Value::Object(action) = child {
                        action.entry("handler").or_insert(json!("server"));
                        action.entry("loadingBehavior").or_insert(json!("auto"));
                        action.entry("streaming").or_insert(json!(true));
                    }
                } else {
                    with_action_defaults(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(with_action_defaults),
        _ => {}
    }
}

/// Parses one of the SDK's expected template outputs and checks it is written
/// back the same, actions aside (they gain their spelled-out defaults).
fn assert_sdk_output_round_trips(expected: &str, kind: &str) {
    let root: WidgetRoot = serde_json::from_str(expected).unwrap();
    assert_eq!(root.type_name(), kind);
    let mut expected: Value = serde_json::from_str(expected).unwrap();
    with_action_defaults(&mut expected);
    assert_eq!(serde_json::to_value(&root).unwrap(), expected);
}

/// Fails when any component in the tree parsed as dynamic.
fn assert_no_dynamic(components: &[WidgetComponent]) {
    for component in components {
        let children = match component {
            WidgetComponent::Dynamic(dynamic) => panic!("dynamic: {dynamic:?}"),
            WidgetComponent::Box(c) => c.layout.children.as_deref(),
            WidgetComponent::Row(c) => c.layout.children.as_deref(),
            WidgetComponent::Col(c) => c.layout.children.as_deref(),
            _ => None,
        };
        assert_no_dynamic(children.unwrap_or_default());
    }
}

/// The SDK's `tests/assets/widgets/basic_root.json`.
pub(super) const SDK_BASIC_ROOT: &str = r#"{
  "type": "Basic",
  "children": [
    {
      "type": "Col",
      "gap": 1,
      "children": [
        { "type": "Title", "value": "Harry Potter", "size": "sm" },
        { "type": "Text", "value": "The boy who lived", "size": "sm" }
      ]
    }
  ]
}"#;

#[test]
fn sdk_basic_root_output_round_trips() {
    let expected = SDK_BASIC_ROOT;
    assert_sdk_output_round_trips(expected, "Basic");
}

/// The SDK's `tests/assets/widgets/card_no_data.json`.
pub(super) const SDK_CARD_NO_DATA: &str = r#"{
  "type": "Card",
  "children": [
    {
      "type": "Col", "align": "center", "gap": 4, "padding": 4,
      "children": [
        {
          "type": "Box", "background": "green-400", "radius": "full", "padding": 3,
          "children": [
            { "type": "Icon", "name": "check", "size": "3xl", "color": "white" }
          ]
        },
        {
          "type": "Col", "align": "center", "gap": 1,
          "children": [
            { "type": "Title", "value": "Enable notification" },
            { "type": "Text", "value": "Notify me when this item ships", "color": "secondary" }
          ]
        }
      ]
    },
    {
      "type": "Row",
      "children": [
        {
          "type": "Button", "label": "Yes", "block": true,
          "onClickAction": { "type": "notification.settings", "payload": { "enable": true } }
        },
        {
          "type": "Button", "label": "No", "block": true, "variant": "outline",
          "onClickAction": { "type": "notification.settings", "payload": { "enable": true } }
        }
      ]
    }
  ]
}"#;

#[test]
fn sdk_card_no_data_output_round_trips() {
    let expected = SDK_CARD_NO_DATA;
    assert_sdk_output_round_trips(expected, "Card");
    let WidgetRoot::Card(card) = serde_json::from_str(expected).unwrap() else {
        panic!("not a card")
    };
    assert_no_dynamic(&card.children);
}

/// The SDK's `tests/assets/widgets/card_with_data.json`.
pub(super) const SDK_CARD_WITH_DATA: &str = r##"{
  "type": "Card",
  "size": "md",
  "children": [
    {
      "type": "Row",
      "children": [
        { "type": "Text", "value": "#proj-chatkit" },
        { "type": "Spacer" },
        { "type": "Text", "value": "4:48 PM", "color": "tertiary" }
      ]
    },
    { "type": "Divider", "flush": true },
    {
      "type": "Row", "align": "start", "gap": 4,
      "children": [
        { "type": "Image", "src": "/pam.png", "size": 44 },
        {
          "type": "Col",
          "children": [
            { "type": "Text", "value": "Pam Beesly", "weight": "semibold" },
            {
              "type": "Markdown",
              "value": "End of week update for ChatKit:\n\n1. Designed **new header system** with more flexibility for custom menu actions.\n2. Made progress on **DevDay training material**.\n3. Coordinated with partners to **prioritize remaining feature requirements**.\n\n**Next week** I plan to focus on building out our Figma library and updating to new icons."
            }
          ]
        }
      ]
    },
    { "type": "Spacer" }
  ]
}"##;

#[test]
fn sdk_card_with_data_output_round_trips() {
    let expected = SDK_CARD_WITH_DATA;
    assert_sdk_output_round_trips(expected, "Card");
    let WidgetRoot::Card(card) = serde_json::from_str(expected).unwrap() else {
        panic!("not a card")
    };
    assert_no_dynamic(&card.children);
}

/// The SDK's `list_view_*` expected outputs: one row per line color.
pub(super) fn sdk_list_view(colors: &[(&str, &str)]) -> String {
    let rows: Vec<String> = colors
        .iter()
        .map(|(id, label)| {
            format!(
                r#"{{
      "type": "ListViewItem", "key": "{id}", "gap": 5,
      "onClickAction": {{ "type": "line.select", "payload": {{ "id": "{id}" }} }},
      "children": [
        {{ "type": "Box", "background": "{id}-500", "radius": "full", "size": 25 }},
        {{ "type": "Text", "value": "{label}", "size": "sm" }}
      ]
    }}"#
            )
        })
        .collect();
    format!(
        r#"{{ "type": "ListView", "children": [{}] }}"#,
        rows.join(",")
    )
}

#[test]
fn sdk_list_view_outputs_round_trip() {
    let no_data = sdk_list_view(&[("blue", "Blue line"), ("orange", "Orange line")]);
    let with_data = sdk_list_view(&[
        ("blue", "Blue line"),
        ("orange", "Orange line"),
        ("purple", "Purple line"),
    ]);
    for expected in [no_data, with_data] {
        assert_sdk_output_round_trips(&expected, "ListView");
        let WidgetRoot::ListView(list) = serde_json::from_str(&expected).unwrap() else {
            panic!("not a list")
        };
        for item in &list.children {
            assert_no_dynamic(&item.children);
            assert!(item.on_click_action.is_some());
        }
    }
}
