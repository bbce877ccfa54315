package org.partnershipatlas.endpoint.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.partnershipatlas.gatekeeper.ProposalException;
import org.partnershipatlas.loaders.store.InsufficientSpaceException;
import org.partnershipatlas.loaders.store.StorageFaultException;
import org.partnershipatlas.loaders.store.StoreFaultedException;
import org.partnershipatlas.queries.BadParameterException;
import org.partnershipatlas.queries.UnknownQueryException;

/** The one table from failures to answers: each family's status, message, parameter and problems. */
class HttpErrorsTest {
    @Test
    void aServletsOwnAnswerKeepsItsStatusMessageAndParameter() {
        HttpErrors.Answer answer =
                HttpErrors.answerFor(HttpErrorException.badRequest("page must be 1 or more", "page"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).isEqualTo("page must be 1 or more");
        assertThat(answer.parameter()).isEqualTo("page");
        assertThat(HttpErrors.answerFor(HttpErrorException.notAcceptable(List.of("text/turtle", "text/html")))
                        .message())
                .isEqualTo("Offered: text/turtle, text/html");
    }

    @Test
    void aProposalIs400WithEveryProblemListed() {
        HttpErrors.Answer answer = HttpErrors.answerFor(new ProposalException(List.of(
                new ProposalException.Problem("title", "give it a name"),
                new ProposalException.Problem(null, "send JSON"))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.parameter()).isEqualTo("title");
        assertThat(answer.problems()).hasSize(2);
        assertThat(answer.problems()
                        .get(0)
                        .getAsObject()
                        .get("parameter")
                        .getAsString()
                        .value())
                .isEqualTo("title");
        assertThat(answer.problems().get(1).getAsObject().hasKey("parameter")).isFalse();
    }

    @Test
    void queryFailuresAre400And404() {
        assertThat(HttpErrors.answerFor(new BadParameterException("locality", "not an IRI")))
                .extracting(HttpErrors.Answer::status, HttpErrors.Answer::parameter)
                .containsExactly(400, "locality");
        HttpErrors.Answer unknown = HttpErrors.answerFor(new UnknownQueryException("no-such-query"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).endsWith("; see /api/queries");
    }

    @Test
    void storageFailuresAre507Or503WithTheirOwnWordsEvenWhenWrapped() {
        assertThat(HttpErrors.statusFor(new RuntimeException(new InsufficientSpaceException("only 1 MB free"))))
                .isEqualTo(507);
        assertThat(HttpErrors.messageFor(new InsufficientSpaceException("only 1 MB free")))
                .isEqualTo("only 1 MB free");
        assertThat(HttpErrors.statusFor(new StorageFaultException("disk full", true, null)))
                .isEqualTo(507);
        assertThat(HttpErrors.statusFor(new StorageFaultException("read-only", false, null)))
                .isEqualTo(503);
        assertThat(HttpErrors.statusFor(new StoreFaultedException("faulted"))).isEqualTo(503);
        assertThat(HttpErrors.statusFor(new IllegalStateException("bug", new IOException("Read-only file system"))))
                .isEqualTo(503);
    }

    @Test
    void anythingElseIs500WithoutItsMessage() {
        HttpErrors.Answer answer = HttpErrors.answerFor(new IllegalStateException("secret internal detail"));
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.message()).doesNotContain("secret");
        assertThat(HttpErrors.isAnswer(new IllegalStateException("x"))).isFalse();
        assertThat(HttpErrors.isAnswer(new BadParameterException("p", "x"))).isTrue();
        assertThat(HttpErrors.isAnswer(new HttpErrorException(503, "too slow", null)))
                .isTrue();
        assertThat(HttpErrors.isAnswer(new StoreFaultedException("faulted"))).isFalse();
    }
}
