using System.Globalization;
using System.Net;
using System.Text;
using ConversationalCommerce.App.DemoStore.Families;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>
/// Draws a product's placeholder image: a square in the product's colour (or its category's), a simple shape for
/// the category and the title. There is no network here, so the demo catalog's images are drawn, not downloaded.
/// </summary>
internal static class ProductTileSvg
{
    private const int Size = 480;

    public static string Draw(string title, string? colorName, DemoCategory? category)
    {
        var background = DemoPalette.HexFor(colorName, category?.BaseColor ?? "slate blue");
        var dark = DemoPalette.IsDark(background);
        var ink = dark ? "#f7f4ee" : "#24262b";
        var shapeFill = dark ? "rgba(255,255,255,0.82)" : "rgba(36,38,43,0.78)";

        var svg = new StringBuilder(2048);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Size}\" height=\"{Size}\" viewBox=\"0 0 {Size} {Size}\" role=\"img\" aria-label=\"{Escape(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Size}\" height=\"{Size}\" fill=\"{background}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"240\" cy=\"190\" r=\"130\" fill=\"{(dark ? "#ffffff" : "#000000")}\" fill-opacity=\"0.07\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<g fill=\"{shapeFill}\" stroke=\"{shapeFill}\">{Shape(category?.Shape)}</g>");

        var lines = Wrap(title, 24).Take(3).ToList();
        var y = 372 - (lines.Count - 1) * 16;
        foreach (var line in lines)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"240\" y=\"{y}\" text-anchor=\"middle\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"28\" font-weight=\"600\" fill=\"{ink}\">{Escape(line)}</text>");
            y += 34;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Shape(TileShape? shape) => shape switch
    {
        TileShape.Shirt => "<path stroke-width=\"0\" d=\"M190 100 L150 110 L105 150 L130 190 L160 172 L160 280 L320 280 L320 172 L350 190 L375 150 L330 110 L290 100 Q240 135 190 100 Z\"/>",
        TileShape.Gem => "<path stroke-width=\"0\" d=\"M180 110 L300 110 L340 160 L240 280 L140 160 Z\"/><path fill=\"none\" stroke-width=\"6\" stroke-opacity=\"0.5\" d=\"M140 160 L340 160 M210 110 L200 160 L240 280 L280 160 L270 110\"/>",
        TileShape.Mug => "<rect stroke-width=\"0\" x=\"155\" y=\"120\" width=\"140\" height=\"160\" rx=\"18\"/><path fill=\"none\" stroke-width=\"20\" d=\"M295 160 Q350 160 350 200 Q350 240 295 240\"/>",
        TileShape.Bottle => "<rect stroke-width=\"0\" x=\"222\" y=\"90\" width=\"36\" height=\"40\" rx=\"6\"/><rect stroke-width=\"0\" x=\"180\" y=\"128\" width=\"120\" height=\"155\" rx=\"26\"/>",
        TileShape.Blocks => "<rect stroke-width=\"0\" x=\"150\" y=\"200\" width=\"80\" height=\"80\" rx=\"6\"/><rect stroke-width=\"0\" x=\"250\" y=\"200\" width=\"80\" height=\"80\" rx=\"6\"/><rect stroke-width=\"0\" x=\"200\" y=\"110\" width=\"80\" height=\"80\" rx=\"6\"/>",
        TileShape.Book => "<path stroke-width=\"0\" d=\"M120 120 Q180 100 236 125 L236 285 Q180 262 120 280 Z M244 125 Q300 100 360 120 L360 280 Q300 262 244 285 Z\"/>",
        TileShape.Mountain => "<path stroke-width=\"0\" d=\"M110 280 L205 130 L255 205 L290 160 L370 280 Z\"/><circle stroke-width=\"0\" cx=\"330\" cy=\"120\" r=\"22\"/>",
        TileShape.Headphones => "<path fill=\"none\" stroke-width=\"20\" d=\"M160 230 L160 195 Q160 110 240 110 Q320 110 320 195 L320 230\"/><rect stroke-width=\"0\" x=\"138\" y=\"205\" width=\"50\" height=\"80\" rx=\"14\"/><rect stroke-width=\"0\" x=\"292\" y=\"205\" width=\"50\" height=\"80\" rx=\"14\"/>",
        _ => "<rect stroke-width=\"0\" x=\"170\" y=\"120\" width=\"140\" height=\"140\" rx=\"20\"/>",
    };

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
