package org.partnershipatlas.endpoint.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.partnershipatlas.endpoint.http.HttpErrors;

/**
 * The one check in front of every admin operation: 403 when the server has no admins configured (the operation is
 * off), 401 with a Basic challenge when the credentials are missing or wrong, else the admin's name.
 */
public final class AdminAccess {
    private final AdminCredentials admins;

    /** @param admins the configured admins, or null when admin operations are off */
    public AdminAccess(AdminCredentials admins) {
        this.admins = admins;
    }

    /** The admin making the request, or empty after an error answer has been sent. */
    public Optional<String> check(HttpServletRequest request, HttpServletResponse response, String what)
            throws IOException {
        if (admins == null) {
            HttpErrors.send(
                    request,
                    response,
                    403,
                    what + " is switched off: the server has no admin credentials configured",
                    null);
            return Optional.empty();
        }
        Optional<String> user = admins.verify(request.getHeader("Authorization"));
        if (user.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Partnership Atlas admin\", charset=\"UTF-8\"");
            HttpErrors.send(request, response, 401, what + " needs an admin's credentials", null);
        }
        return user;
    }
}
