package dev.ledgerline.connector.monday;

import dev.ledgerline.security.Allowed;
import dev.ledgerline.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;

/** {@code GET|PUT …/connections/{id}/monday-boards}: which boards a monday connection syncs, and their columns. */
@Path("/api/tenants/{tenant}/connections/{id}/monday-boards")
@Allowed(Role.ADMIN)
public class MondayBoardsResource {
    private final MondayBoardsService boards;

    MondayBoardsResource(MondayBoardsService boards) {
        this.boards = boards;
    }

    @GET
    public List<MondayBoardDto> boards(@PathParam("tenant") String tenant, @PathParam("id") UUID id) {
        return boards.boards(tenant, id);
    }

    @PUT
    public List<MondayBoardDto> replace(@PathParam("tenant") String tenant, @PathParam("id") UUID id,
            @NotNull List<@NotNull @Valid MondayBoardDto> mappings) {
        return boards.replace(tenant, id, mappings);
    }
}
