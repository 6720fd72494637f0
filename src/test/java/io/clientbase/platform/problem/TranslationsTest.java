package io.clientbase.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TranslationsTest {

    @Test
    void theCallersPreferredLanguageIsRussianOnlyWhenHePrefersItToEnglish() {
        assertEquals("ru", Translations.language("ru"));
        assertEquals("ru", Translations.language("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"));
        assertEquals("en", Translations.language("en-US,en;q=0.9,ru;q=0.8"));
        assertEquals("en", Translations.language("de-DE"));
        assertEquals("en", Translations.language(null));
        assertEquals("en", Translations.language(";;;garbage=="));
    }

    @Test
    void aProblemKeepsItsTypeStatusAndMemberNamesAndTranslatesItsTexts() {
        Problem english = new Problem(ProblemKind.VALIDATION.type(), ProblemKind.VALIDATION.title(), 422,
                "name: must not be blank; fields.vip: must be true or false", "/api/v1/clients",
                List.of(new Problem.FieldError("name", "must not be blank"), new Problem.FieldError("fields.vip", "must be true or false")),
                "id-1");
        Problem russian = Translations.translate(english, ProblemKind.VALIDATION, "ru");
        assertEquals(english.type(), russian.type());
        assertEquals(422, russian.status());
        assertEquals("Ошибка проверки данных", russian.title());
        assertEquals("name: не может быть пустым; fields.vip: должно быть true или false", russian.detail());
        assertEquals(List.of("name", "fields.vip"), russian.errors().stream().map(Problem.FieldError::field).toList());
        assertEquals("не может быть пустым", russian.errors().get(0).message());
        assertEquals(english, Translations.translate(english, ProblemKind.VALIDATION, "en"));
    }

    @Test
    void variablePartsOfAMessageAreKept() {
        assertEquals("должно быть не длиннее 300 символов", Translations.message("must be at most 300 characters"));
        assertEquals("Логин 'petrova' уже занят (логины сравниваются без учёта регистра)",
                Translations.detail("The login 'petrova' is taken (logins are compared ignoring case)"));
        assertEquals("Неизвестное поле 'nmae'", Translations.detail("Unknown member 'nmae'"));
    }

    @Test
    void aTextTheCatalogDoesNotKnowStaysEnglish() {
        assertEquals("something new happened", Translations.message("something new happened"));
    }

    @Test
    void everyKindHasARussianTitle() {
        for (ProblemKind kind : ProblemKind.values()) {
            Problem english = new Problem(kind.type(), kind.title(), kind.status(), null, null, null, null);
            String title = Translations.translate(english, kind, "ru").title();
            assertEquals(true, title.codePoints().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC),
                    kind + ": " + title);
        }
    }
}
