package io.clientbase.platform.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Problems in the caller's language (Accept-Language: en, the default, or ru). A problem's texts
 * are written in English where it is raised, in a hundred places; they are translated here, in
 * the one place every problem passes on its way out, from a catalog of the English texts and their
 * Russian ones ({@code i18n/problems-ru.json}; variable parts are regular-expression groups).
 * {@code type}, {@code status}, member names and field names never change; a text the catalog does
 * not know stays English rather than being guessed.
 */
public final class Translations {

    public static final String ENGLISH = "en";
    public static final String RUSSIAN = "ru";
    private static final List<Locale.LanguageRange> NONE = List.of();
    private static final Pattern MEMBER_AND_MESSAGE = Pattern.compile("^([^:;]{1,200}): (.+)$");
    private static final Catalog RU = Catalog.load("i18n/problems-ru.json");

    private Translations() {
    }

    /** The language of the answer: ru when the caller prefers it to en, en otherwise. */
    public static String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ENGLISH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            ranges = NONE;
        }
        String chosen = Locale.lookupTag(ranges, List.of(ENGLISH, RUSSIAN));
        return RUSSIAN.equals(chosen) ? RUSSIAN : ENGLISH;
    }

    /** The problem in {@code language}: its title, detail and member messages; the rest unchanged. */
    public static Problem translate(Problem problem, ProblemKind kind, String language) {
        if (!RUSSIAN.equals(language)) {
            return problem;
        }
        List<Problem.FieldError> errors = problem.errors() == null ? null : problem.errors().stream()
                .map(e -> new Problem.FieldError(e.field(), RU.message(e.message()))).toList();
        return new Problem(problem.type(), RU.titles.getOrDefault(kind.kindName(), problem.title()), problem.status(),
                detail(problem.detail()), problem.instance(), errors, problem.correlationId());
    }

    /** A detail is a message, or "member: message" joined by "; " (a validation problem). */
    static String detail(String detail) {
        if (detail == null) {
            return null;
        }
        String whole = RU.find(detail);
        if (whole != null) {
            return whole;
        }
        List<String> parts = new ArrayList<>();
        for (String part : detail.split("; ")) {
            Matcher m = MEMBER_AND_MESSAGE.matcher(part);
            parts.add(m.matches() ? m.group(1) + ": " + RU.message(m.group(2)) : RU.message(part));
        }
        return String.join("; ", parts);
    }

    static String message(String english) {
        return RU.message(english);
    }

    private record Catalog(Map<String, String> titles, List<Pattern> patterns, List<String> replacements) {

        static Catalog load(String resource) {
            try (InputStream in = Translations.class.getClassLoader().getResourceAsStream(resource)) {
                JsonNode catalog = new ObjectMapper().readTree(in);
                Map<String, String> titles = new HashMap<>();
                catalog.path("titles").fields().forEachRemaining(e -> titles.put(e.getKey(), e.getValue().asText()));
                List<Pattern> patterns = new ArrayList<>();
                List<String> replacements = new ArrayList<>();
                for (JsonNode entry : catalog.path("messages")) {
                    patterns.add(Pattern.compile(entry.get(0).asText(), Pattern.DOTALL));
                    replacements.add(entry.get(1).asText());
                }
                return new Catalog(Map.copyOf(titles), List.copyOf(patterns), List.copyOf(replacements));
            } catch (IOException | NullPointerException e) {
                throw new UncheckedIOException(new IOException("cannot read the translations " + resource, e));
            }
        }

        /** The translation of a whole text, or null. */
        String find(String english) {
            for (int i = 0; i < patterns.size(); i++) {
                Matcher m = patterns.get(i).matcher(english);
                if (m.matches()) {
                    return m.replaceFirst(replacements.get(i));
                }
            }
            return null;
        }

        String message(String english) {
            if (english == null) {
                return null;
            }
            String found = find(english);
            return found == null ? english : found;
        }
    }
}
