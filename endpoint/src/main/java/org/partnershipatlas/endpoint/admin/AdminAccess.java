package org.partnershipatlas.endpoint.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.partnershipatlas.endpoint.http.HttpErrorException;

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

    /**
     * The admin making the request; 403 if admin operations are off, 401 (with the challenge) without an admin's
     * credentials. {@code what} names the operation in the message.
     */
    public String require(HttpServletRequest request, HttpServletResponse response, String what) {
        if (admins == null) {
            throw new HttpErrorException(
                    403, what + " is switched off: the server has no admin credentials configured", null);
        }
        Optional<String> user = admins.verify(request.getHeader("Authorization"));
        if (user.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Partnership Atlas admin\", charset=\"UTF-8\"");
            throw new HttpErrorException(401, what + " needs an admin's credentials", null);
        }
        return user.get();
    }
}
