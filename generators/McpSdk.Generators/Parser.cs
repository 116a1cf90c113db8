using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpSdk.Generators.Common;
using McpSdk.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpSdk.Generators;

/// <summary>
/// Reads one [McpClient] interface into a <see cref="ClientSpec"/> and its diagnostics. Symbols are used here
/// and nowhere after: the spec holds strings only.
/// </summary>
internal sealed partial class Parser
{
    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly KnownTypes _known;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, JsonTypeSpec> _jsonTypes = new();
    private readonly Dictionary<string, ResultReaderSpec> _readers = new();
    private readonly HashSet<string> _fieldNames = new();
    private readonly SortedSet<string> _enumTypes = new(System.StringComparer.Ordinal);
    private readonly HashSet<ITypeSymbol> _visitedForEnums = new(SymbolEqualityComparer.Default);
    private string _interfaceName = string.Empty;
    private INamedTypeSymbol? _jsonContext;
    private JsonContextCoverage? _jsonContextCoverage;

    private Parser(KnownTypes known) => _known = known;

    public static (ClientSpec? Spec, ImmutableEquatableArray<DiagnosticInfo> Diagnostics) Parse(
        GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } symbol)
        {
            return (null, ImmutableEquatableArray<DiagnosticInfo>.Empty); // [AttributeUsage] makes the compiler report it.
        }

        var parser = new Parser(new KnownTypes(context.SemanticModel.Compilation));
        // The interface's name, not its whole declaration: diagnostics about the interface underline only that.
        Location location = ((InterfaceDeclarationSyntax)context.TargetNode).Identifier.GetLocation();
        ClientSpec? spec = parser.ParseInterface(symbol, context.Attributes[0], location, cancellationToken);
        return (spec, parser._diagnostics.ToImmutableEquatableArray());
    }

    private ClientSpec? ParseInterface(INamedTypeSymbol symbol, AttributeData attribute, Location location, CancellationToken cancellationToken)
    {
        string interfaceName = symbol.Name;
        _interfaceName = interfaceName;
        if (symbol.IsGenericType)
        {
            Report(DiagnosticDescriptors.GenericInterface, location, interfaceName);
            return null;
        }

        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                Report(DiagnosticDescriptors.InaccessibleInterface, location, interfaceName);
                return null;
            }
        }

        string? jsonContext = ParseJsonContext(attribute, interfaceName, location);

        PolicySpec clientPolicy = ParsePolicy(symbol, location);
        var methods = new List<MethodSpec>();
        var methodLocations = new List<Location>();
        foreach (INamedTypeSymbol declaring in new[] { symbol }.Concat(symbol.AllInterfaces))
        {
            PolicySpec interfacePolicy = SymbolEqualityComparer.Default.Equals(declaring, symbol)
                ? clientPolicy
                : ParsePolicy(declaring, location).Over(clientPolicy);
            foreach (ISymbol member in declaring.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                Location memberLocation = member.Locations.FirstOrDefault(l => l.IsInSource) ?? location;
                MethodSpec? method = ParseMember(member, declaring, interfacePolicy, memberLocation);
                if (method is not null)
                {
                    methods.Add(method);
                    methodLocations.Add(memberLocation);
                }
            }
        }

        ReportConflictingToolPolicies(methods, methodLocations);
        if (_diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            return null;
        }

        string? ns = symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString();
        string typeChain = string.Join(".", ContainingTypeChain(symbol));
        return new ClientSpec(
            ns,
            interfaceName,
            symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            ProxyName(symbol),
            (ns is null ? string.Empty : ns + ".") + typeChain + ".g.cs",
            jsonContext,
            methods.ToImmutableEquatableArray(),
            _jsonTypes.Values.ToImmutableEquatableArray(),
            _readers.Values.ToImmutableEquatableArray(),
            _enumTypes.ToImmutableEquatableArray(),
            ParseFunctions(symbol, ns, typeChain));
    }

    private string? ParseJsonContext(AttributeData attribute, string interfaceName, Location location)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key != "JsonContext" || argument.Value.Value is not INamedTypeSymbol context)
            {
                continue;
            }

            if (!InheritsFrom(context, _known.JsonSerializerContext))
            {
                Report(DiagnosticDescriptors.InvalidJsonContext, AttributeLocation(attribute, location), context.ToDisplayString(), interfaceName);
                return null;
            }

            _jsonContext = context;
            _jsonContextCoverage = JsonContextCoverage.Of(context, _known);
            return context.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }

        return null;
    }

    private MethodSpec? ParseMember(ISymbol member, INamedTypeSymbol declaring, PolicySpec interfacePolicy, Location location)
    {
        switch (member)
        {
            case IPropertySymbol property:
                Report(DiagnosticDescriptors.UnsupportedMember, location, declaring.Name, "property", property.Name);
                return null;
            case IEventSymbol @event:
                Report(DiagnosticDescriptors.UnsupportedMember, location, declaring.Name, "event", @event.Name);
                return null;
            case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsAbstract: true } method:
                return ParseMethod(method, declaring, interfacePolicy, location);
            default:
                return null; // Static members, default implementations and accessors need nothing from the proxy.
        }
    }

    private MethodSpec? ParseMethod(IMethodSymbol method, INamedTypeSymbol declaring, PolicySpec interfacePolicy, Location location)
    {
        string displayName = declaring.Name + "." + method.Name;
        AttributeData? tool = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _known.McpToolAttribute));
        if (tool is null)
        {
            Report(DiagnosticDescriptors.MethodWithoutTool, location, method.Name, declaring.Name);
            return null;
        }

        string toolName = tool.ConstructorArguments.Length == 1 ? tool.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
        if (string.IsNullOrWhiteSpace(toolName))
        {
            Report(DiagnosticDescriptors.EmptyToolName, AttributeLocation(tool, location), displayName);
        }

        if (method.IsGenericMethod)
        {
            Report(DiagnosticDescriptors.GenericMethod, location, displayName);
            return null;
        }

        (AwaitableKind awaitable, ITypeSymbol? resultType)? returnShape = ParseReturnType(method.ReturnType);
        if (returnShape is null)
        {
            Report(
                IsTaskHandle(method.ReturnType) ? DiagnosticDescriptors.UnawaitableTaskHandle : DiagnosticDescriptors.UnsupportedReturnType,
                ReturnTypeLocation(method, location), displayName, method.ReturnType.ToDisplayString());
            return null;
        }

        (AwaitableKind kind, ITypeSymbol? result) = returnShape.Value;
        TaskHandleKind taskHandle = UnwrapTaskHandle(ref result);
        if (result is not null && ContainsTaskHandle(result))
        {
            Report(DiagnosticDescriptors.TaskHandleInsideResult, ReturnTypeLocation(method, location), displayName, method.ReturnType.ToDisplayString());
            return null;
        }

        if (result is not null && UnreadableResultReason(result) is { } unreadable)
        {
            Report(DiagnosticDescriptors.UnreadableResultType, ReturnTypeLocation(method, location), displayName, method.ReturnType.ToDisplayString(), unreadable);
            return null;
        }

        ImmutableEquatableArray<ParameterSpec>? parameters = ParseParameters(method, displayName, location);
        PolicySpec policy = ParsePolicy(method, location).Over(interfacePolicy);
        if (parameters is null)
        {
            return null;
        }

        if (taskHandle != TaskHandleKind.None)
        {
            // A handle method always starts a task, so its policy says so, [RunAsTask] or not.
            policy = policy with { RunAsTask = true };
        }

        ResultKind resultKind = result is null ? ResultKind.None
            : result.SpecialType == SpecialType.System_String ? ResultKind.Text
            : SymbolEqualityComparer.Default.Equals(result, _known.CallToolResult) ? ResultKind.Raw
            : result is INamedTypeSymbol { IsGenericType: true } generic && SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, _known.McpToolResultOfT) ? ResultKind.WithResult
            : ResultKind.Json;

        string? readerField = resultKind is ResultKind.Json or ResultKind.WithResult ? ReaderFieldFor(result!, resultKind == ResultKind.WithResult, ReturnTypeLocation(method, location), displayName) : null;
        if (result is not null)
        {
            CollectEnums(result, depth: 0);
        }
        return new MethodSpec(
            EscapeKeyword(method.Name),
            displayName,
            declaring.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            toolName,
            method.ReturnType.ToDisplayString(s_typeFormat),
            kind,
            taskHandle,
            resultKind,
            result is not null && NullabilityOf(result) != Nullability.None,
            readerField,
            parameters,
            policy,
            Description(method, out DocComment docs),
            ArgumentsSchema(method, parameters, docs));
    }

    private (AwaitableKind, ITypeSymbol?)? ParseReturnType(ITypeSymbol returnType)
    {
        if (returnType is not INamedTypeSymbol named)
        {
            return null;
        }

        INamedTypeSymbol definition = named.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, _known.Task))
        {
            return (AwaitableKind.Task, null);
        }

        if (SymbolEqualityComparer.Default.Equals(definition, _known.ValueTask))
        {
            return (AwaitableKind.ValueTask, null);
        }

        if (SymbolEqualityComparer.Default.Equals(definition, _known.TaskOfT))
        {
            return (AwaitableKind.TaskOfT, named.TypeArguments[0]);
        }

        if (SymbolEqualityComparer.Default.Equals(definition, _known.ValueTaskOfT))
        {
            return (AwaitableKind.ValueTaskOfT, named.TypeArguments[0]);
        }

        return null;
    }

    private ImmutableEquatableArray<ParameterSpec>? ParseParameters(IMethodSymbol method, string displayName, Location methodLocation)
    {
        var parameters = new List<ParameterSpec>(method.Parameters.Length);
        bool hasToken = false, hasProgress = false, failed = false;
        var wireNames = new Dictionary<string, string>(System.StringComparer.Ordinal); // wire name → the parameter that took it
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            Location location = parameter.Locations.FirstOrDefault(l => l.IsInSource) ?? methodLocation;
            string name = EscapeKeyword(parameter.Name);
            string type = parameter.Type.ToDisplayString(s_typeFormat);
            if (parameter.RefKind != RefKind.None)
            {
                Report(DiagnosticDescriptors.ByReferenceParameter, location, parameter.Name, displayName, RefKindText(parameter.RefKind));
                failed = true;
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(parameter.Type, _known.CancellationToken))
            {
                failed |= ReportIfDuplicate(ref hasToken, location, displayName, "CancellationToken");
                parameters.Add(new ParameterSpec(name, parameter.Name, type, ParameterKind.CancellationToken, null, ArgumentOmission.Never, null, IsValueType: true));
                continue;
            }

            if (IsProgress(parameter.Type))
            {
                failed |= ReportIfDuplicate(ref hasProgress, location, displayName, "IProgress<McpProgress>");
                parameters.Add(new ParameterSpec(name, parameter.Name, type, ParameterKind.Progress, null, ArgumentOmission.Never, null, IsValueType: false));
                continue;
            }

            if (UnsupportedArgumentReason(parameter.Type) is { } reason)
            {
                Report(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, displayName, parameter.Type.ToDisplayString(), reason);
                failed = true;
                continue;
            }

            if (WireName(parameter, displayName, location) is not { } wireName)
            {
                failed = true;
                continue;
            }

            if (wireNames.TryGetValue(wireName, out string? first))
            {
                Report(DiagnosticDescriptors.DuplicateArgumentName, location, first, parameter.Name, displayName, wireName);
                failed = true;
                continue;
            }

            wireNames.Add(wireName, parameter.Name);
            ArgumentOmission omission = ArgumentOmission.Never;
            ITypeSymbol serialised = parameter.Type;
            if (parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                omission = ArgumentOmission.WhenNullValue;
                serialised = nullable.TypeArguments[0];
            }
            else if (parameter.Type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.Annotated)
            {
                omission = ArgumentOmission.WhenNullReference;
            }

            parameters.Add(new ParameterSpec(
                name, wireName, type, ParameterKind.Argument, JsonFieldFor(serialised, location, displayName), omission, DefaultValue(parameter), parameter.Type.IsValueType));
            CollectEnums(serialised, depth: 0);
        }

        return failed ? null : parameters.ToImmutableEquatableArray();
    }

    private bool ReportIfDuplicate(ref bool seen, Location location, string displayName, string what)
    {
        if (seen)
        {
            Report(DiagnosticDescriptors.DuplicateSpecialParameter, location, displayName, what);
            return true;
        }

        seen = true;
        return false;
    }

    /// <summary>The argument's name on the wire; <see langword="null"/> (reported) when [McpArgument] gives an empty one.</summary>
    private string? WireName(IParameterSymbol parameter, string displayName, Location location)
    {
        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _known.McpArgumentAttribute)
                && attribute.ConstructorArguments.Length == 1)
            {
                string? name = attribute.ConstructorArguments[0].Value as string;
                if (string.IsNullOrWhiteSpace(name))
                {
                    Report(DiagnosticDescriptors.EmptyArgumentName, AttributeLocation(attribute, location), parameter.Name, displayName);
                    return null;
                }

                return name;
            }
        }

        return parameter.Name;
    }

    /// <summary>Why a type cannot be a JSON argument, or <see langword="null"/> when it can.</summary>
    /// <summary>Why a tool's answer can never be read as <paramref name="result"/> (the value a method awaits), or null.</summary>
    private string? UnreadableResultReason(ITypeSymbol result) =>
        IsStream(result) ? "a tool answers with JSON and text, never a stream; return string, your own type, or CallToolResult (for image and resource blocks)"
        : result.TypeKind == TypeKind.Delegate ? "a delegate has no JSON form"
        : null;

    private bool IsStream(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, _known.Stream))
            {
                return true;
            }
        }

        return false;
    }

    private string? UnsupportedArgumentReason(ITypeSymbol type)
    {
        if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
        {
            return "a pointer has no JSON form";
        }

        if (type.IsRefLikeType)
        {
            return "a ref struct cannot be stored with the call";
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return "a delegate has no JSON form";
        }

        if (IsStream(type))
        {
            return "a stream has no JSON form; read it into a byte[] (sent as Base64) or a string first";
        }

        if (type is INamedTypeSymbol named)
        {
            INamedTypeSymbol definition = named.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, _known.Task) || SymbolEqualityComparer.Default.Equals(definition, _known.TaskOfT)
                || SymbolEqualityComparer.Default.Equals(definition, _known.ValueTask) || SymbolEqualityComparer.Default.Equals(definition, _known.ValueTaskOfT))
            {
                return "await it before the call and pass its result";
            }

            if (SymbolEqualityComparer.Default.Equals(definition, _known.ProgressOfT))
            {
                return "progress is reported as IProgress<McpProgress>";
            }

            if (SymbolEqualityComparer.Default.Equals(definition, _known.McpTaskOfT))
            {
                return "a task handle has no JSON form; pass its TaskId";
            }
        }

        return type.SpecialType == SpecialType.System_Object
            ? "declare the argument's real type, so it is serialised with its own JSON metadata"
            : null;
    }

    private bool IsProgress(ITypeSymbol type) =>
        type is INamedTypeSymbol named
        && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _known.ProgressOfT)
        && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], _known.McpProgress);

    /// <summary>The proxy field holding the JSON reader for result type <paramref name="type"/>, added on first use.</summary>
    private string ReaderFieldFor(ITypeSymbol type, bool withResult, Location use, string displayName)
    {
        string key = type.ToDisplayString(s_typeFormat);
        if (_readers.TryGetValue(key, out ResultReaderSpec? existing))
        {
            return existing.FieldName;
        }

        ITypeSymbol value = withResult ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
        string? jsonField = withResult && value.SpecialType == SpecialType.System_String ? null : JsonFieldFor(value, use, displayName);
        Nullability nullability = NullabilityOf(value);
        string field = UniqueField(
            "_read" + Identifier(value.WithNullableAnnotation(NullableAnnotation.NotAnnotated))
            + (nullability == Nullability.Reference ? "OrNull" : string.Empty)
            + (withResult ? "WithResult" : string.Empty));
        _readers.Add(key, new ResultReaderSpec(key, value.ToDisplayString(s_typeFormat), jsonField, nullability, withResult, field));
        return field;
    }

    /// <summary>
    /// The proxy field holding <paramref name="type"/>'s JSON metadata, added on first use; where the client names a
    /// JsonContext without the type, that first use (<paramref name="use"/>, in <paramref name="displayName"/>) is reported.
    /// </summary>
    private string JsonFieldFor(ITypeSymbol type, Location use, string displayName)
    {
        ITypeSymbol plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        string key = plain.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (_jsonTypes.TryGetValue(key, out JsonTypeSpec? existing))
        {
            return existing.FieldName;
        }

        string field = UniqueField("_json" + Identifier(plain));
        if (_jsonContextCoverage is not null && !_jsonContextCoverage.Covers(plain))
        {
            Report(DiagnosticDescriptors.JsonContextMissingType, use, _jsonContext!.ToDisplayString(), _interfaceName, key, displayName);
        }

        _jsonTypes.Add(key, new JsonTypeSpec(key, field));
        return field;
    }

    private string UniqueField(string baseName)
    {
        string field = baseName;
        for (int i = 2; !_fieldNames.Add(field); i++)
        {
            field = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return field;
    }

    /// <summary>
    /// Finds the enums a type carries (itself, its element and type arguments, the public properties of the
    /// application's own types), so the proxy can send and read them as names.
    /// </summary>
    private void CollectEnums(ITypeSymbol type, int depth)
    {
        if (depth > JsonTypeGraph.MaxDepth || !_visitedForEnums.Add(type))
        {
            return;
        }

        switch (type)
        {
            case INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType:
                // Converters in the options outrank one on the type, so an enum with its own [JsonConverter] gets none.
                if (HasJsonConverter(enumType))
                {
                    return;
                }

                _enumTypes.Add(enumType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                return;
            default:
                foreach (ITypeSymbol part in JsonTypeGraph.Parts(type))
                {
                    CollectEnums(part, depth + 1);
                }

                return;
        }
    }

    private bool HasJsonConverter(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => InheritsFromOrIs(a.AttributeClass, _known.JsonConverterAttribute));

    private static bool InheritsFromOrIs(INamedTypeSymbol? type, INamedTypeSymbol? baseType) =>
        type is not null && (SymbolEqualityComparer.Default.Equals(type, baseType) || InheritsFrom(type, baseType));

    private static string Identifier(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => Identifier(array.ElementType) + "Array",
        INamedTypeSymbol { IsGenericType: true } generic =>
            generic.Name + "Of" + string.Join("And", generic.TypeArguments.Select(Identifier)),
        _ => type.Name.Length > 0 ? type.Name : "Value",
    };

    private static Nullability NullabilityOf(ITypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ? Nullability.Value
        : type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated ? Nullability.Reference
        : Nullability.None;

    private static string EscapeKeyword(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> ContainingTypeChain(INamedTypeSymbol symbol)
    {
        var chain = new Stack<string>();
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            chain.Push(type.Name);
        }

        return chain;
    }

    /// <summary><c>IEverythingTools</c> → <c>EverythingToolsProxy</c>; nested types keep their containers' names.</summary>
    private static string ProxyName(INamedTypeSymbol symbol)
    {
        string name = symbol.Name;
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name.Substring(1);
        }

        for (INamedTypeSymbol? container = symbol.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.Name + name;
        }

        return name + "Proxy";
    }

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.RefReadOnlyParameter => "ref readonly",
        _ => "ref",
    };

    private static Location AttributeLocation(AttributeData attribute, Location fallback) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback;

    private static Location ReturnTypeLocation(IMethodSymbol method, Location fallback) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax syntax
            ? syntax.ReturnType.GetLocation()
            : fallback;

    private void Report(DiagnosticDescriptor descriptor, Location location, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
}
