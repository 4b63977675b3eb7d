using Keyhold.Storage;

namespace Keyhold.Tests.Storage;

/// <summary>
/// On PostgreSQL, named parameters are turned into $1, $2, ... once per SQL text (so Npgsql need not parse every
/// command): names inside literals and quoted names stay as they are, a name used twice is one placeholder, and text the
/// scanner does not fully understand is left to Npgsql. The stores' contract tests run every statement through it.
/// </summary>
public sealed class PositionalSqlTests
{
    [Fact]
    public void Names_become_placeholders_in_order_of_first_use_and_literals_stay()
    {
        var sql = "SELECT 'a@b', \"c@d\", 'it''s @x' FROM t WHERE a = @s AND b = @sn AND c = @s AND d = @m_2";

        var translated = PositionalSql.Of(sql)!;

        Assert.Equal("SELECT 'a@b', \"c@d\", 'it''s @x' FROM t WHERE a = $1 AND b = $2 AND c = $1 AND d = $3", translated.Sql);
        Assert.Equal(["@s", "@sn", "@m_2"], translated.Names);
        Assert.Same(translated, PositionalSql.Of(sql));
    }

    [Theory]
    [InlineData("SELECT 1; SELECT @a")]
    [InlineData("SELECT $1, @a")]
    [InlineData("SELECT @a -- @b")]
    [InlineData("SELECT @a /* @b */")]
    [InlineData("SELECT x @> @a")]
    [InlineData("SELECT @1")]
    [InlineData("SELECT 'open @a")]
    [InlineData("SELECT E'\\'' || @a")]
    public void Text_the_scanner_does_not_fully_understand_is_left_to_Npgsql(string sql) => Assert.Null(PositionalSql.Of(sql));

    [Fact]
    public void Values_are_bound_only_when_every_name_has_exactly_one()
    {
        string[] names = ["@s", "@n"];

        Assert.Equal(["uuid", "name"], PositionalSql.Values(names, [("@n", "name"), ("@s", "uuid")]));
        Assert.Null(PositionalSql.Values(names, [("@s", "uuid")]));
        Assert.Null(PositionalSql.Values(names, [("@s", "uuid"), ("@n", "name"), ("@x", "unused")]));
        Assert.Null(PositionalSql.Values(names, [("@s", "uuid"), ("@other", "name")]));
    }
}
