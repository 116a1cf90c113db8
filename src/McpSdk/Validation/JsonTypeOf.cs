using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpSdk.Validation;

/// <summary>
/// The JSON Schema type a .NET argument type is serialised as, the way McpSdk's serializer writes it (enums as
/// names). Uses only what survives trimming: no members are reflected over.
/// </summary>
internal static class JsonTypeOf
{
    /// <summary>
    /// <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>array</c> or <c>object</c>; <see langword="null"/>
    /// when the type can hold any JSON (<see cref="JsonElement"/>, <see cref="JsonNode"/>, <see cref="object"/>).
    /// </summary>
    public static string? Type(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return "string";
        }

        switch (System.Type.GetTypeCode(type))
        {
            case TypeCode.String or TypeCode.Char or TypeCode.DateTime:
                return "string";
            case TypeCode.Boolean:
                return "boolean";
            case TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64:
                return "integer";
            case TypeCode.Single or TypeCode.Double or TypeCode.Decimal:
                return "number";
        }

        if (type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonDocument) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return null;
        }

        if (type == typeof(Guid) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(DateOnly)
            || type == typeof(TimeOnly) || type == typeof(Uri) || type == typeof(byte[]))
        {
            return "string";
        }

        if (type == typeof(Int128) || type == typeof(UInt128))
        {
            return "integer";
        }

        if (type == typeof(Half))
        {
            return "number";
        }

        if (IsDictionary(type))
        {
            return "object";
        }

        return type.IsArray || typeof(IEnumerable).IsAssignableFrom(type) ? "array" : "object";
    }

    private static bool IsDictionary(Type type)
    {
        if (typeof(IDictionary).IsAssignableFrom(type))
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        Type definition = type.GetGenericTypeDefinition();
        return definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>);
    }
}
