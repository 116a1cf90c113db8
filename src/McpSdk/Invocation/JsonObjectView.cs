using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text.Json;

namespace McpSdk.Invocation;

/// <summary>
/// A read-only dictionary over the properties of a JSON object, so the SDK's request can carry the written arguments
/// without copying them into a <see cref="Dictionary{TKey, TValue}"/>. The SDK only enumerates it to serialise.
/// </summary>
internal sealed class JsonObjectView(JsonElement root) : IDictionary<string, JsonElement>, IReadOnlyDictionary<string, JsonElement>
{
    public int Count
    {
        get
        {
            int count = 0;
            foreach (JsonProperty _ in root.EnumerateObject())
            {
                count++;
            }

            return count;
        }
    }

    public bool IsReadOnly => true;

    public ICollection<string> Keys => [.. ((IEnumerable<KeyValuePair<string, JsonElement>>)this).Select(static pair => pair.Key)];

    public ICollection<JsonElement> Values => [.. ((IEnumerable<KeyValuePair<string, JsonElement>>)this).Select(static pair => pair.Value)];

    IEnumerable<string> IReadOnlyDictionary<string, JsonElement>.Keys => Keys;

    IEnumerable<JsonElement> IReadOnlyDictionary<string, JsonElement>.Values => Values;

    public JsonElement this[string key]
    {
        get => TryGetValue(key, out JsonElement value) ? value : throw new KeyNotFoundException($"No argument named '{key}'.");
        set => throw ReadOnly();
    }

    public bool ContainsKey(string key) => root.TryGetProperty(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value) => root.TryGetProperty(key, out value);

    public bool Contains(KeyValuePair<string, JsonElement> item) => TryGetValue(item.Key, out JsonElement value) && value.Equals(item.Value);

    public void CopyTo(KeyValuePair<string, JsonElement>[] array, int arrayIndex)
    {
        foreach (KeyValuePair<string, JsonElement> pair in this)
        {
            array[arrayIndex++] = pair;
        }
    }

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator()
    {
        foreach (JsonProperty property in root.EnumerateObject())
        {
            yield return new KeyValuePair<string, JsonElement>(property.Name, property.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(string key, JsonElement value) => throw ReadOnly();

    public void Add(KeyValuePair<string, JsonElement> item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    public bool Remove(string key) => throw ReadOnly();

    public bool Remove(KeyValuePair<string, JsonElement> item) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("Tool arguments are read-only once written.");
}
