using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;

namespace SentinelAwsIac.Infra.Program;

/// <summary>
/// The one place that knows Pulumi YAML (pulumi-yaml v1.38.1; the language reference and
/// tests/Conformance/pulumi-yaml/RULES.md): turns a run of the typed program (its resources in construction order, its
/// outputs) into the program's JSON form. Known values become literals of their own type; resource outputs become
/// <c>${name.property}</c>; a function call becomes a variable (<c>fn::invoke</c>) named after the C# value it was
/// written as; secrets stay config references, declared under a key of their own with <c>name:</c> (so the value
/// arrives as the string that was set, RULES.md R3) and wrapped in <c>fn::secret</c> at every use.
/// </summary>
public static class ProgramSerializer
{
    public static PulumiProgram Serialize(DeploymentResult run, string description, IReadOnlyList<ResourceNote> notes)
    {
        var writer = new Writer(run);
        return new PulumiProgram(writer.Program(description), notes);
    }

    private sealed class Writer
    {
        private readonly DeploymentResult _run;
        private readonly JsonObject _config = [];
        private readonly JsonObject _variables = [];
        private readonly Dictionary<InvokeCall, string> _invokes = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public Writer(DeploymentResult run)
        {
            _run = run;
            foreach (var resource in run.Resources)
            {
                _names.Add(resource.GetResourceName());
            }
        }

        public JsonObject Program(string description)
        {
            var resources = new JsonObject();
            foreach (var resource in _run.Resources)
            {
                resources[resource.GetResourceName()] = Resource(resource);
            }

            var outputs = new JsonObject();
            foreach (var (name, value) in _run.Outputs)
            {
                outputs[name] = Value(value);
            }

            return new JsonObject
            {
                ["name"] = _run.Project,
                ["description"] = description,
                ["config"] = _config,
                ["variables"] = _variables,
                ["resources"] = resources,
                ["outputs"] = outputs,
            };
        }

        private JsonObject Resource(CustomResource resource)
        {
            var result = new JsonObject { ["type"] = resource.GetResourceType() };
            if (resource.ExistingResourceId is { } id)
            {
                result["get"] = new JsonObject { ["id"] = Value(id) };
            }
            else
            {
                result["properties"] = Properties(resource.ResourceArguments!);
            }

            var options = new JsonObject();
            var o = resource.ResourceOptions;
            if (o.DependsOn.Items.Count > 0)
            {
                options["dependsOn"] = Value(o.DependsOn);
            }

            if (o.RetainOnDelete is { } retain)
            {
                options["retainOnDelete"] = retain;
            }

            if (o.DeletedWith is { } deletedWith)
            {
                options["deletedWith"] = Whole(deletedWith);
            }

            if (o.Protect is { } protect)
            {
                options["protect"] = protect;
            }

            if (o.Provider is { } provider)
            {
                options["provider"] = Whole(provider);
            }

            options["version"] = resource.PinnedVersion;
            result["options"] = options;
            return result;
        }

        private JsonObject Properties(ResourceArgs args)
        {
            // The provider requires it: a `required` C# property when it is a value; a list or map is checked here.
            foreach (var property in args.GetType().GetProperties())
            {
                if (property.GetCustomAttributes(typeof(InputAttribute), false) is [InputAttribute { IsRequired: true } input]
                    && (args.PropertiesInOrder.FirstOrDefault(p => p.Key == input.Name).Value is not { } set || set is IEnumerable { } items && !items.GetEnumerator().MoveNext()))
                {
                    throw new InvalidOperationException($"{args.GetType().Name}: '{input.Name}' is required by the provider and not set.");
                }
            }

            var result = new JsonObject();
            foreach (var (name, value) in args.PropertiesInOrder)
            {
                // A list or map nothing was added to was only read (X = { … } reads it first): it is not written.
                if (value is IEnumerable and not string && !((IEnumerable)value).GetEnumerator().MoveNext())
                {
                    continue;
                }

                result[name] = Value(value);
            }

            return result;
        }

        /// <summary>A property value: an input, a list or map of inputs, an output, or a plain value.</summary>
        private JsonNode? Value(object? value) => value switch
        {
            null => null,
            IOutputSource source => Expression(source.Expression),
            _ when value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(InputList<>) =>
                new JsonArray([.. ((IEnumerable)value).Cast<object>().Select(Value)]),
            _ when value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(InputMap<>) =>
                MapOf((IEnumerable)value),
            _ => Literal(value),
        };

        private JsonObject MapOf(IEnumerable entries)
        {
            var result = new JsonObject();
            foreach (var entry in entries)
            {
                var type = entry.GetType();
                var key = (string)type.GetProperty("Key")!.GetValue(entry)!;
                result[key] = Value(type.GetProperty("Value")!.GetValue(entry));
            }

            return result;
        }

        private JsonNode? Literal(object? value) => value switch
        {
            null => null,
            string text => Escape(text),
            bool flag => flag,
            int number => number,
            long number => number,
            // A whole number is written as one (3600, not 3600.0; never in exponent form).
            double number when Math.Floor(number) == number && Math.Abs(number) <= int.MaxValue => (int)number,
            double number when Math.Floor(number) == number && Math.Abs(number) < 1e15 => (long)number,
            double number => number,
            IStringEnum constant => constant.Value,
            ResourceArgs args => Properties(args),
            FileAsset asset => new JsonObject { ["fn::fileAsset"] = asset.Path },
            Resource resource => Whole(resource),
            JsonNode node => Json(node, text => Escape(text)),
            IDictionary dictionary => Dictionary(dictionary),
            IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(Literal)]),
            _ => throw new NotSupportedException($"A value of type {value.GetType().Name} has no Pulumi YAML form."),
        };

        private JsonObject Dictionary(IDictionary dictionary)
        {
            var result = new JsonObject();
            foreach (DictionaryEntry entry in dictionary)
            {
                result[(string)entry.Key] = Literal(entry.Value);
            }

            return result;
        }

        private JsonNode? Expression(OutputExpression expression) => expression switch
        {
            KnownValue known => Literal(known.Value),
            ResourceOutput or MemberAccess or InvokeCall or ConfigReference => Reference(expression),
            SecretValue secret => new JsonObject { ["fn::secret"] = Expression(secret.Value) },
            JsonText json => new JsonObject { ["fn::toJSON"] = Expression(json.Value) },
            Template { Shape: string shape, Holes: [var only] } when shape == Placeholder.For(0) => Expression(only),
            Template { Shape: string shape } template => Interpolate(shape, template),
            Template { Shape: JsonNode shape } template => Json(shape, text => Interpolate(text, template)),
            _ => throw new NotSupportedException($"{expression.GetType().Name} has no Pulumi YAML form."),
        };

        /// <summary><c>${…}</c> for a value that can be named: a resource output, a path into one or into a function's
        /// result, a secret config value.</summary>
        private string Reference(OutputExpression expression) => $"${{{Path(expression, null)}}}";

        private string Path(OutputExpression expression, string? hint) => expression switch
        {
            ResourceOutput output => $"{output.Resource.GetResourceName()}.{output.Property}",
            MemberAccess access => $"{Path(access.Source, access.NameHint)}.{string.Join('.', access.Path)}",
            InvokeCall call => Hoist(call, hint),
            ConfigReference config => Declare(config),
            SecretValue { Value: ConfigReference config } => Declare(config),
            _ => throw new NotSupportedException($"{expression.GetType().Name} cannot be referenced inside a string; give it a name first."),
        };

        private static string Whole(Resource resource) => $"${{{resource.GetResourceName()}}}";

        /// <summary>A function call as a variable, evaluated once however often it is used.</summary>
        private string Hoist(InvokeCall call, string? hint)
        {
            if (_invokes.TryGetValue(call, out var existing))
            {
                return existing;
            }

            var member = call.Token[(call.Token.LastIndexOf(':') + 1)..];
            var fallback = member.StartsWith("get", StringComparison.Ordinal) ? member[3..] : member;
            var name = Unique(hint ?? char.ToLowerInvariant(fallback[0]) + fallback[1..]);
            _invokes[call] = name;
            var invoke = new JsonObject
            {
                ["function"] = call.Token,
                ["arguments"] = call.Args is null ? new JsonObject() : Properties(call.Args),
            };
            var options = new JsonObject();
            if (call.Options?.Provider is { } provider)
            {
                options["provider"] = Whole(provider);
            }

            options["version"] = call.Version;
            invoke["options"] = options;
            _variables[name] = new JsonObject { ["fn::invoke"] = invoke };
            return name;
        }

        /// <summary>A secret the stack sets, declared under <c>&lt;key&gt;Text</c> with <c>name: &lt;key&gt;</c>: the
        /// declaration's own key is not a stack key, so the engine reads the value as the string that was set, whatever
        /// its text looks like (RULES.md R2, R3), and <c>secret: true</c> applies.</summary>
        private string Declare(ConfigReference config)
        {
            var key = config.Namespace == _run.Project ? config.Key : $"{config.Namespace}:{config.Key}";
            var name = config.Key + "Text";
            if (!_config.ContainsKey(name))
            {
                if (!_names.Add(name))
                {
                    throw new InvalidOperationException($"The config declaration '{name}' collides with another name of the program.");
                }

                _config[name] = new JsonObject { ["type"] = "string", ["name"] = key, ["secret"] = true };
            }

            return name;
        }

        private string Unique(string name)
        {
            var candidate = name;
            for (var n = 2; !_names.Add(candidate); n++)
            {
                candidate = name + n.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        /// <summary>Literal text with <c>${</c> escaped as <c>$${</c>, and each placeholder replaced by its reference.</summary>
        private string Interpolate(string shape, Template template)
        {
            var text = new StringBuilder();
            var start = 0;
            while (true)
            {
                var open = shape.IndexOf(Placeholder.Open, start);
                text.Append(Escape(shape[start..(open < 0 ? shape.Length : open)]));
                if (open < 0)
                {
                    return text.ToString();
                }

                var close = shape.IndexOf(Placeholder.Close, open);
                var index = int.Parse(shape.AsSpan(open + 1, close - open - 1), CultureInfo.InvariantCulture);
                var hole = template.Holes[index];
                text.Append(hole switch
                {
                    KnownValue { Value: var known } => Escape(Convert.ToString(known, CultureInfo.InvariantCulture) ?? ""),
                    // A string made of outputs inside another (Output.Format of an Apply): its text, in place.
                    Template { Shape: string inner } nested => Interpolate(inner, nested),
                    _ => $"${{{Path(hole, null)}}}",
                });
                start = close + 1;
            }
        }

        private static string Escape(string text)
        {
            if (text.Contains(Placeholder.Open, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("An output placeholder reached the program outside Output.Format or Apply.");
            }

            return text.Replace("${", "$${", StringComparison.Ordinal);
        }

        private static JsonNode? Json(JsonNode? node, Func<string, string> text) => node switch
        {
            null => null,
            JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Json(p.Value, text)))),
            JsonArray array => new JsonArray([.. array.Select(i => Json(i, text))]),
            JsonValue value when value.TryGetValue<string>(out var s) => text(s),
            _ => node.DeepClone(),
        };
    }
}
