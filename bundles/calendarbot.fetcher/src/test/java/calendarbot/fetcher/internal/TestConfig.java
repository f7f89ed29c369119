package calendarbot.fetcher.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link HttpFeedFetcher.Config} as DS would: the given values, defaults for the rest. */
final class TestConfig {

    private TestConfig() {
    }

    static HttpFeedFetcher.Config config(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (HttpFeedFetcher.Config) Proxy.newProxyInstance(HttpFeedFetcher.Config.class.getClassLoader(),
                new Class<?>[] {HttpFeedFetcher.Config.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "annotationType":
                            return HttpFeedFetcher.Config.class;
                        case "toString":
                            return "Config" + values;
                        case "hashCode":
                            return values.hashCode();
                        case "equals":
                            return proxy == args[0];
                        default:
                            break;
                    }
                    Object value = values.get(method.getName());
                    if (value == null) {
                        return method.getDefaultValue();
                    }
                    if (value instanceof Number number) {
                        return method.getReturnType() == long.class ? (Object) number.longValue()
                                : (Object) number.intValue();
                    }
                    return value;
                });
    }
}
