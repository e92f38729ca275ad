package dev.ledgerline.connector.connection;

import dev.ledgerline.wire.ConnectionSettings;
import dev.ledgerline.wire.CrmSource;
import java.util.Arrays;
import java.util.List;

final class ConnectionMapper {
    private ConnectionMapper() {
    }

    static ConnectionDtos.Connection toDto(ConnectionEntity entity) {
        List<String> scopes = entity.oauthScopes == null || entity.oauthScopes.isBlank()
                ? List.of() : Arrays.asList(entity.oauthScopes.split(" "));
        return new ConnectionDtos.Connection(entity.id, entity.tenantId, entity.crm, entity.displayName,
                entity.status, entity.statusReason, entity.authKind, settingsOf(entity), entity.apiBaseUrl,
                entity.tokenUrl, entity.authorizeUrl, entity.oauthClientId, scopes,
                entity.accessToken != null, entity.createdAt, entity.updatedAt);
    }

    static ConnectionDtos.Settings settingsOf(ConnectionEntity entity) {
        return new ConnectionDtos.Settings(entity.autoMerge, entity.customerScope, entity.syncProducts,
                entity.syncInvoicesSince, entity.invoiceOnWonDeal);
    }

    static ConnectionSettings toWire(ConnectionEntity entity) {
        return ConnectionSettings.newBuilder()
                .setTenantId(entity.tenantId)
                .setConnectionId(entity.id.toString())
                .setSource(CrmSource.valueOf(entity.crm.name()))
                .setDisplayName(entity.displayName)
                .setStatus(dev.ledgerline.wire.ConnectionStatus.valueOf(entity.status.name()))
                .setExternalAccountId(entity.externalAccountId)
                .setAutoMerge(entity.autoMerge)
                .setCustomerScope(dev.ledgerline.wire.CustomerScope.valueOf(entity.customerScope.name()))
                .setSyncProducts(entity.syncProducts)
                .setSyncInvoicesSince(entity.syncInvoicesSince)
                .setInvoiceOnWonDeal(entity.invoiceOnWonDeal)
                .setConnectedAt(entity.createdAt)
                .setUpdatedAt(entity.updatedAt)
                .build();
    }
}
