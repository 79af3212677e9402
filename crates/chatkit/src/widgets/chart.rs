//! The Chart component: bar, area and line series over tabular data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::layout::Sizing;
use super::style::{Color, Dimension};
use super::wire::{Absent, widget_component};

widget_component! {
    /// A simple bar, area or line chart.
    pub struct Chart = "Chart" {
        /// Rows of data: field name to string or number.
        pub data: Vec<Map<String, Value>>,
        /// How to draw the data fields.
        pub series: Vec<Series>,
        /// The X axis: a data key, or a configuration.
        pub x_axis: XAxis,
        /// Draw the Y axis.
        pub show_y_axis: Option<bool>,
        /// Draw a legend.
        pub show_legend: Option<bool>,
        /// Show a tooltip on hover.
        pub show_tooltip: Option<bool>,
        /// Gap between bars of one category (px).
        pub bar_gap: Option<i64>,
        /// Gap between bar categories (px).
        pub bar_category_gap: Option<i64>,
        /// Flex grow/shrink factor.
        pub flex: Option<Dimension>,
        /// Width and height.
        #[serde(flatten)]
        pub sizing: Sizing,
        /// Aspect ratio of the chart area (number or CSS).
        pub aspect_ratio: Option<Dimension>,
    }
}

impl Chart {
    /// A chart of `data`, drawn as `series` along `x_axis`.
    pub fn new(
        data: Vec<Map<String, Value>>,
        series: Vec<Series>,
        x_axis: impl Into<XAxis>,
    ) -> Self {
        Self {
            key: None,
            id: None,
            data,
            series,
            x_axis: x_axis.into(),
            show_y_axis: None,
            show_legend: None,
            show_tooltip: None,
            bar_gap: None,
            bar_category_gap: None,
            flex: None,
            sizing: Sizing::default(),
            aspect_ratio: None,
            extra: Map::new(),
        }
    }
}

/// A chart's X axis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum XAxis {
    /// The data field holding the categories.
    Key(String),
    /// Full configuration.
    Config(XAxisConfig),
}

impl Absent for XAxis {
    fn is_absent(&self) -> bool {
        false
    }
}

impl From<&str> for XAxis {
    fn from(data_key: &str) -> Self {
        XAxis::Key(data_key.to_owned())
    }
}

impl From<String> for XAxis {
    fn from(data_key: String) -> Self {
        XAxis::Key(data_key)
    }
}

/// X axis configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XAxisConfig {
    /// The data field holding the categories.
    pub data_key: String,
    /// Hide the axis line, ticks and labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hide: Option<bool>,
    /// Display labels for tick values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
}

/// One series of a chart, tagged by `type`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Series {
    /// Bars; may stack.
    Bar(BarSeries),
    /// A filled area; may stack and curve.
    Area(AreaSeries),
    /// A line; may curve.
    Line(LineSeries),
}

/// A bar series.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BarSeries {
    /// Legend label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The data field holding the values.
    pub data_key: String,
    /// Stack group: series with the same id stack.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    /// Series color (`blue`, `purple`, `orange`, … a primitive token, CSS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
}

/// An area series.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AreaSeries {
    /// Legend label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The data field holding the values.
    pub data_key: String,
    /// Stack group: series with the same id stack.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    /// Series color.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// How points are joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve_type: Option<CurveType>,
}

/// A line series.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineSeries {
    /// Legend label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The data field holding the values.
    pub data_key: String,
    /// Series color.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// How points are joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve_type: Option<CurveType>,
}

/// Interpolation between the points of an area or line series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CurveType {
    /// `basis`
    Basis,
    /// `basisClosed`
    BasisClosed,
    /// `basisOpen`
    BasisOpen,
    /// `bumpX`
    BumpX,
    /// `bumpY`
    BumpY,
    /// `bump`
    Bump,
    /// `linear`
    Linear,
    /// `linearClosed`
    LinearClosed,
    /// `natural`
    Natural,
    /// `monotoneX`
    MonotoneX,
    /// `monotoneY`
    MonotoneY,
    /// `monotone`
    Monotone,
    /// `step`
    Step,
    /// `stepBefore`
    StepBefore,
    /// `stepAfter`
    StepAfter,
}
