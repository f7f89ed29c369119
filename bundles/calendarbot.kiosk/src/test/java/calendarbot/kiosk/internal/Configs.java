package calendarbot.kiosk.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Annotation-typed configurations for activate methods: the annotation's defaults, some overridden. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> type.getSimpleName() + values;
                default -> throw new IllegalStateException("no value for " + method.getName());
            };
        }));
    }

    static KioskConfiguration.Config kiosk(Map<String, Object> values) {
        return of(KioskConfiguration.Config.class, values);
    }
}
