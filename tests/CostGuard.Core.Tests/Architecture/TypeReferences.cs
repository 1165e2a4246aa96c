using System.Reflection;
using System.Reflection.Emit;

namespace CostGuard.Architecture;

/// <summary>
/// Every type the types of one namespace use: in signatures, fields, base types and, decoded from the IL,
/// in method bodies (a call, a field access, a <c>new</c>, a cast). Source text is not enough: a fully
/// qualified name needs no <c>using</c>, so only the compiled code tells the whole truth.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Types declared in <paramref name="namespacePrefix"/> (or below it), with their nested compiler-made types.</summary>
    public static IEnumerable<Type> DeclaredIn(Assembly assembly, string namespacePrefix) =>
        assembly.GetTypes().Where(t => InNamespace(Outermost(t).Namespace, namespacePrefix));

    public static bool InNamespace(string? ns, string prefix) =>
        ns is not null && (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal));

    /// <summary>(user, used) pairs for every type <paramref name="types"/> use.</summary>
    public static IEnumerable<(Type User, Type Used)> UsedBy(IEnumerable<Type> types)
    {
        foreach (var type in types)
        {
            var used = new HashSet<Type>();
            Collect(type, used);
            foreach (var u in used)
            {
                yield return (type, u);
            }
        }
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static void Collect(Type type, HashSet<Type> used)
    {
        Add(type.BaseType, used);
        foreach (var i in type.GetInterfaces())
        {
            Add(i, used);
        }

        foreach (var field in type.GetFields(Everything))
        {
            Add(field.FieldType, used);
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(property.PropertyType, used);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType, used);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType, used);
            }

            CollectBody(type, method, used);
        }
    }

    private static void CollectBody(Type type, MethodBase method, HashSet<Type> used)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            Add(local.LocalType, used);
        }

        var il = body.GetILAsByteArray() ?? [];
        var typeArgs = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[i++]));
            }

            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    AddMember(method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs), used);
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                default:
                    i += OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static void AddMember(MemberInfo? member, HashSet<Type> used)
    {
        switch (member)
        {
            case Type t:
                Add(t, used);
                break;
            case MethodInfo m:
                Add(m.DeclaringType, used);
                Add(m.ReturnType, used);
                foreach (var g in m.IsGenericMethod ? m.GetGenericArguments() : [])
                {
                    Add(g, used);
                }

                break;
            case FieldInfo f:
                Add(f.DeclaringType, used);
                Add(f.FieldType, used);
                break;
            case not null:
                Add(member.DeclaringType, used);
                break;
        }
    }

    private static void Add(Type? type, HashSet<Type> used)
    {
        if (type is null || type.IsGenericParameter || !used.Add(type))
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(type.GetElementType(), used);
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(argument, used);
            }
        }
    }
}
