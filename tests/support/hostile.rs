// Shared by the library's tests (`include!`d, so no inner doc comment here) and the formats
// bench.

/// Markup that hides tags from a scan for them (a comment that ends at once, a quote in an
/// attribute, a title inside SVG, misnested tables and paragraphs). The tests check what
/// reading it repeated gives; the formats bench prints how fast.
pub const TRICKS: [&str; 5] = [
    "<!--><div>",
    "<div a==\"><div>",
    "<svg><title><div>",
    "<div><table></div></table>",
    "<p><b x=1></p>",
];
