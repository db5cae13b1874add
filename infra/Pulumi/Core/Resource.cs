namespace SentinelAwsIac.Infra.Pulumi;

/// <summary>A resource of the program. Constructing one registers it with the running <see cref="Deployment"/>,
/// in order, under its logical name.</summary>
public abstract class Resource
{
    // Members are methods or internal, as in the Pulumi .NET SDK, so that no generated output property (Name,
    // Type, Version, …) hides them.
    private readonly string _type;
    private readonly string _name;

    private protected Resource(string type, string version, string name, CustomResourceOptions? options)
    {
        _type = type;
        _name = name;
        PinnedVersion = version;
        ResourceOptions = options ?? new CustomResourceOptions();
    }

    /// <summary>The provider package version the resource is pinned to.</summary>
    internal string PinnedVersion { get; }

    internal CustomResourceOptions ResourceOptions { get; }

    /// <summary>The logical name.</summary>
    public string GetResourceName() => _name;

    /// <summary>The type token, e.g. <c>aws:iam:Role</c>.</summary>
    public string GetResourceType() => _type;
}

/// <summary>A resource a provider manages: created from its <see cref="ResourceArgs"/>, or read by ID (<see cref="ExistingResourceId"/>).</summary>
public abstract class CustomResource : Resource
{
    protected CustomResource(string type, string version, string name, ResourceArgs args, CustomResourceOptions? options)
        : base(type, version, name, options)
    {
        ResourceArguments = args;
        Deployment.Register(this);
    }

    protected CustomResource(string type, string version, string name, Input<string> id, CustomResourceOptions? options)
        : base(type, version, name, options)
    {
        ExistingResourceId = id;
        Deployment.Register(this);
    }

    internal ResourceArgs? ResourceArguments { get; }

    /// <summary>Set for a resource read with <c>Get</c>: the stack never creates or deletes it.</summary>
    internal Input<string>? ExistingResourceId { get; }

    /// <summary>Read with <c>Get</c> rather than created.</summary>
    public bool IsExisting => ExistingResourceId is not null;

    public Output<string> Id => OutputOf<string>("id");

    protected Output<T> OutputOf<T>(string property) => new(new ResourceOutput(this, property));
}

/// <summary>Options of a resource, named as in the Pulumi .NET SDK.</summary>
public sealed class CustomResourceOptions
{
    /// <summary>Resources this one is created after (and deleted before), other than those its inputs name.</summary>
    public InputList<Resource> DependsOn { get; set; } = [];

    /// <summary>Leave the cloud resource in place when the stack deletes it.</summary>
    public bool? RetainOnDelete { get; set; }

    /// <summary>Skip this resource's own delete when the named resource is deleted in the same operation (the
    /// provider's delete is not called; deleting the other resource removes this one).</summary>
    public Resource? DeletedWith { get; set; }

    /// <summary>Refuse to delete the resource.</summary>
    public bool? Protect { get; set; }

    /// <summary>An explicit provider instance.</summary>
    public Resource? Provider { get; set; }
}

/// <summary>Options of a provider function call.</summary>
public sealed class InvokeOptions
{
    public Resource? Provider { get; set; }
}
