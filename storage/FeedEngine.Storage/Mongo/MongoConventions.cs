using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;

namespace FeedEngine.Storage.Mongo;

/// <summary>
/// How our documents look in MongoDB: camelCase element names, enums as strings (in lists too), money (<see cref="decimal"/>) as
/// exact Decimal128 (never a string or a double), unknown elements ignored (so an older build reads a newer document). <c>_id</c> is the <c>Id</c> property and dates are stored and
/// read as UTC: both are the driver's defaults. Registered once, for the FeedEngine.Storage namespaces only.
/// </summary>
public static class MongoConventions
{
    const string PackName = "FeedEngine.Storage";
    static int registered;

    /// <summary>Registers the pack; call before the first use of a document type with the driver (later calls do nothing).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        var pack = new ConventionPack
        {
            new CamelCaseElementNameConvention(),
            new EnumRepresentationConvention(BsonType.String, topLevelOnly: false),
            new IgnoreExtraElementsConvention(true),
            new DecimalAsDecimal128Convention(),
        };
        ConventionRegistry.Register(PackName, pack, IsStorageDocument);
    }

    static bool IsStorageDocument(Type type) =>
        type.Namespace is { } ns && (ns == PackName || ns.StartsWith(PackName + ".", StringComparison.Ordinal));

    /// <summary>Stores <see cref="decimal"/> members as Decimal128, which holds every .NET decimal exactly (scale included).</summary>
    sealed class DecimalAsDecimal128Convention() : ConventionBase("DecimalAsDecimal128"), IMemberMapConvention
    {
        public void Apply(BsonMemberMap memberMap)
        {
            if (memberMap.MemberType == typeof(decimal))
                memberMap.SetSerializer(new DecimalSerializer(BsonType.Decimal128));
            else if (memberMap.MemberType == typeof(decimal?))
                memberMap.SetSerializer(new NullableSerializer<decimal>(new DecimalSerializer(BsonType.Decimal128)));
        }
    }
}
