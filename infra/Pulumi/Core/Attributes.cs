namespace SentinelAwsIac.Infra.Pulumi;

/// <summary>The provider's name of an input property.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute(string name, bool required = false) : Attribute
{
    public string Name { get; } = name;

    public bool IsRequired { get; } = required;
}

/// <summary>The provider's name of an output property (of a resource, a nested output or a function's result).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class OutputAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Marks a nested output type or a function's result.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OutputTypeAttribute : Attribute;

/// <summary>The type token and provider version of a generated resource class.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ResourceTypeAttribute(string type, string version) : Attribute
{
    public string Type { get; } = type;

    public string Version { get; } = version;
}

/// <summary>An enum of the provider's schema: a string constant (generated as a struct, as in the .NET SDK).</summary>
public interface IStringEnum
{
    string Value { get; }
}
