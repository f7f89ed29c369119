package calendarbot.bench;

import java.lang.reflect.Proxy;

/** An instance of a component's configuration annotation that answers every method with its default. */
final class ConfigDefaults {

    private ConfigDefaults() {
    }

    static <A> A of(Class<A> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> type.getSimpleName() + "(defaults)";
                };
            }
            if (method.getName().equals("annotationType")) {
                return type;
            }
            return method.getDefaultValue();
        }));
    }
}
