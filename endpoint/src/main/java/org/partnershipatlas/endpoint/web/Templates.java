package org.partnershipatlas.endpoint.web;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Renders the pages' FreeMarker templates ({@code templates/*.ftlh} on the classpath). Templates use HTML output
 * format, so every value is HTML-escaped unless a template says otherwise.
 */
public final class Templates {
    /** The model variable every page's footer reads: the change-log entry the data shown is as of. */
    static final String MADE_FROM = "madeFrom";

    private final Configuration config;
    private final Supplier<String> madeFrom;

    /**
     * Templates whose pages name, in the footer, the change-log entry {@code madeFrom} gives at rendering: the
     * store's newest entry, read in the page's own read transaction when the page renders inside it (none, null:
     * no line).
     */
    public Templates(Supplier<String> madeFrom) {
        this.madeFrom = madeFrom;
        config = new Configuration(Configuration.VERSION_2_3_34);
        config.setClassLoaderForTemplateLoading(
                Templates.class.getClassLoader(), "org/partnershipatlas/endpoint/templates");
        config.setDefaultEncoding("UTF-8");
        config.setOutputEncoding("UTF-8");
        config.setURLEscapingCharset("UTF-8");
        config.setOutputFormat(HTMLOutputFormat.INSTANCE);
        config.setRecognizeStandardFileExtensions(true);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
    }

    /** Renders {@code name} (e.g. {@code home.ftlh}) with the model into the writer. */
    public void render(String name, Map<String, ?> model, Writer out) {
        try {
            Template template = config.getTemplate(name);
            Map<String, Object> withFooter = new HashMap<>(model);
            String entry = madeFrom.get();
            if (entry != null) {
                withFooter.putIfAbsent(MADE_FROM, entry);
            }
            template.process(withFooter, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new IllegalStateException("Template " + name + " failed: " + e.getMessage(), e);
        }
    }
}
