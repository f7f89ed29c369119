package calendarbot.launcher;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A configuration annotation's defaults as an instance, for components run outside the framework. */
final class AnnotationDefaults {
    private AnnotationDefaults() {
    }

    static <A> A of(Class<A> type) {
        return of(type, Map.of());
    }

    static <A> A of(Class<A> type, Map<String, Object> overrides) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + overrides;
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> throw new IllegalStateException(type.getSimpleName() + "." + method.getName() + " has no default");
            };
        });
        return type.cast(proxy);
    }
}
