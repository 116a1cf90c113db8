using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using McpSdk.Generators.Common;
using McpSdk.Generators.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// The values the pipeline caches hold no Roslyn symbol, syntax or compilation, and compare by value, so that
/// equal inputs give equal models and the incremental cache can skip emission.
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] s_forbidden =
    [
        typeof(ISymbol),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(Location),
        typeof(SemanticModel),
        typeof(Compilation),
    ];

    /// <summary>What the pipeline yields: the spec, and the diagnostics it carries next to it.</summary>
    private static readonly Type[] s_roots = [typeof(ClientSpec), typeof(DiagnosticInfo)];

    [Fact]
    public void Model_types_reach_no_symbol_syntax_location_or_compilation()
    {
        var problems = new List<string>();
        foreach ((Type type, string path) in ReachableTypes())
        {
            if (s_forbidden.FirstOrDefault(forbidden => forbidden.IsAssignableFrom(type)) is { } forbidden)
            {
                problems.Add($"{path} is a {forbidden.Name}");
            }
            else if (type == typeof(object) || (type.IsInterface && !IsGeneratorType(type)))
            {
                problems.Add($"{path} is typed {type.Name}, which could hold anything");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Model_types_compare_by_value()
    {
        Type[] models = ReachableTypes()
            .Select(entry => entry.Type)
            .Where(type => IsGeneratorType(type) && !type.IsEnum && !type.IsArray) // Arrays are storage inside ImmutableEquatableArray.
            .Distinct()
            .ToArray();

        Assert.Contains(typeof(MethodSpec), models);
        Assert.Contains(typeof(ParameterSpec), models);
        Assert.Contains(typeof(ImmutableEquatableArray<MethodSpec>), models);
        Assert.All(models, type =>
        {
            Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), $"{type} does not implement IEquatable<{type.Name}>.");
            MethodInfo? equals = type.GetMethod(nameof(Equals), BindingFlags.Public | BindingFlags.Instance, [typeof(object)]);
            Assert.True(equals?.DeclaringType == type, $"{type} does not override Equals(object).");
            MethodInfo? hash = type.GetMethod(nameof(GetHashCode), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
            Assert.True(hash?.DeclaringType == type, $"{type} does not override GetHashCode().");
        });
    }

    [Fact]
    public void Specs_step_yields_equal_ClientSpecs_for_equivalent_compilations()
    {
        object first = SpecsStepValue();
        object second = SpecsStepValue();

        ClientSpec firstSpec = Assert.IsType<ClientSpec>(first);
        ClientSpec secondSpec = Assert.IsType<ClientSpec>(second);
        Assert.NotSame(firstSpec, secondSpec);
        Assert.Equal(firstSpec, secondSpec);
        Assert.Equal(firstSpec.GetHashCode(), secondSpec.GetHashCode());
        Assert.Equal(4, firstSpec.Methods.Count);
    }

    /// <summary>Parses the sample afresh, so that the two runs share no tree, symbol or compilation.</summary>
    private static object SpecsStepValue()
    {
        GeneratorRunResult run = GeneratorDriverHarness.Run(TestSources.EverythingTools, TestSources.EverythingWeather, TestSources.HandWrittenJsonContext("Weather"));
        IncrementalGeneratorRunStep step = Assert.Single(run.TrackedSteps[McpClientGenerator.TrackingNames.Specs]);
        return Assert.Single(step.Outputs).Value;
    }

    /// <summary>
    /// Every type reachable from the roots through properties, fields (private ones too), array elements and
    /// generic arguments, with the path it was reached by. Types outside the generator are not opened, only named.
    /// </summary>
    private static IEnumerable<(Type Type, string Path)> ReachableTypes()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<(Type Type, string Path)>(s_roots.Select(root => (root, root.Name)));
        while (pending.Count > 0)
        {
            (Type type, string path) = pending.Dequeue();
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type))
            {
                continue;
            }

            yield return (type, path);

            if (type.IsArray)
            {
                pending.Enqueue((type.GetElementType()!, path + "[]"));
                continue;
            }

            if (type.IsGenericType)
            {
                foreach (Type argument in type.GetGenericArguments())
                {
                    pending.Enqueue((argument, $"{path}<{argument.Name}>"));
                }
            }

            if (!IsGeneratorType(type) || type.IsEnum)
            {
                continue;
            }

            const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            foreach (FieldInfo field in type.GetFields(Instance))
            {
                pending.Enqueue((field.FieldType, $"{path}.{field.Name}"));
            }

            foreach (PropertyInfo property in type.GetProperties(Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                pending.Enqueue((property.PropertyType, $"{path}.{property.Name}"));
            }
        }
    }

    private static bool IsGeneratorType(Type type) => type.Assembly == typeof(McpClientGenerator).Assembly;
}
