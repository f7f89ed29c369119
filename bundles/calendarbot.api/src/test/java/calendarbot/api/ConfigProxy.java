package calendarbot.api;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A component's configuration annotation as Declarative Services would hand it over: the given values, converted
 * to the method's type as DS converts them (a String "45" to an int, a single value to an array), and the
 * annotation's defaults for the rest. Property names follow DS: {@code _} in a method name is {@code .}.
 */
public final class ConfigProxy {

    private ConfigProxy() {
    }

    public static <A> A of(Class<A> type, Map<String, ?> values) {
        Map<String, Object> copy = new HashMap<>(values);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (self, method, args) -> {
            String name = method.getName();
            switch (name) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + copy;
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    break;
            }
            String key = name.replace('_', '.');
            if (copy.containsKey(key)) {
                return convert(copy.get(key), method);
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            // DS: no value and no default is null, or a primitive's zero
            Class<?> t = method.getReturnType();
            return !t.isPrimitive() ? null : t == boolean.class ? Boolean.FALSE : scalar(0, t);
        });
        return type.cast(proxy);
    }

    public static <A> A defaults(Class<A> type) {
        return of(type, Map.of());
    }

    private static Object convert(Object value, Method method) {
        Class<?> t = method.getReturnType();
        if (t.isArray()) {
            Object array = value.getClass().isArray() ? value : new Object[] { value };
            int n = Array.getLength(array);
            Object out = Array.newInstance(t.getComponentType(), n);
            for (int i = 0; i < n; i++) {
                Array.set(out, i, scalar(Array.get(array, i), t.getComponentType()));
            }
            return out;
        }
        return scalar(value, t);
    }

    private static Object scalar(Object value, Class<?> t) {
        if (t.isInstance(value)) {
            return value;
        }
        String s = String.valueOf(value).trim();
        if (t == int.class || t == Integer.class) {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(s);
        }
        if (t == long.class || t == Long.class) {
            return value instanceof Number n ? n.longValue() : Long.parseLong(s);
        }
        if (t == boolean.class || t == Boolean.class) {
            return Boolean.parseBoolean(s);
        }
        if (t == double.class || t == Double.class) {
            return value instanceof Number n ? n.doubleValue() : Double.parseDouble(s);
        }
        if (t == String.class) {
            return s;
        }
        if (t.isEnum()) {
            return Enum.valueOf(t.asSubclass(Enum.class), s);
        }
        throw new IllegalArgumentException("cannot give " + value + " as " + t.getSimpleName());
    }
}
