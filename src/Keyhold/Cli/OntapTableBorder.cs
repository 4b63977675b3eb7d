using Spectre.Console;
using Spectre.Console.Rendering;

namespace Keyhold.Cli;

/// <summary>ONTAP's table look: no frame, a row of dashes under each header, one space between columns.</summary>
public sealed class OntapTableBorder : TableBorder
{
    public static readonly OntapTableBorder Instance = new();

    public override string GetPart(TableBorderPart part) => part switch
    {
        TableBorderPart.HeaderBottom => "-",
        TableBorderPart.HeaderBottomSeparator => " ",
        TableBorderPart.HeaderSeparator or TableBorderPart.CellSeparator => " ",
        _ => "",
    };
}
