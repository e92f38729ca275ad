package dev.ledgerline.simulator.truth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerline.simulator.company.Company;
import dev.ledgerline.simulator.company.Contact;
import dev.ledgerline.simulator.company.CrmSplit;
import dev.ledgerline.simulator.company.Entity;
import dev.ledgerline.simulator.company.Kind;
import dev.ledgerline.simulator.http.Request;
import dev.ledgerline.simulator.http.Response;
import dev.ledgerline.simulator.http.Router;
import dev.ledgerline.simulator.monday.MondayTruth;
import dev.ledgerline.simulator.salesforce.SalesforceTruth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /_simulator/truth/{records}}: the current state of every record of a kind ({@code deals},
 * {@code contacts}, {@code accounts}, {@code leads}, {@code owners}, {@code products}, {@code line-items},
 * {@code invoices}, {@code payments}), archived ones included and flagged, and {@code GET /_simulator/truth/duplicates}:
 * which contacts are records of the same person. Tests compute what a sync must produce from these. Each record names
 * the {@code crms} that keep it ({@link CrmSplit}); {@code ?crm=hubspot}, {@code ?crm=salesforce} or
 * {@code ?crm=monday} gives only that CRM's records, each with its {@code crmId} there and its fields as that CRM
 * stores them (the batch reference of one connection's sync).
 */
public final class GroundTruth {
    private final Company company;
    private final CrmSplit split;

    public GroundTruth(Company company) {
        this(company, new CrmSplit(company.seed(), 0));
    }

    public GroundTruth(Company company, CrmSplit split) {
        this.company = company;
        this.split = split;
    }

    public void routes(Router router) {
        router.on("GET", "/_simulator/truth/duplicates", this::duplicates)
                .on("GET", "/_simulator/truth/([a-z-]+)", this::records);
    }

    private Response records(Request request) {
        Optional<Kind> kind = kind(request.path(1));
        if (kind.isEmpty()) {
            return Response.json(404, JsonNodeFactory.instance.objectNode().put("status", "error")
                    .put("message", "no records called " + request.path(1) + "; try deals, contacts, accounts, leads, "
                            + "owners, products, line-items, invoices, payments or duplicates"));
        }
        Optional<CrmSplit.Crm> crm;
        try {
            crm = crm(request);
        } catch (IllegalArgumentException unknown) {
            return badCrm(request);
        }
        return Response.json(200, company.read(c -> {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            for (Entity entity : c.all(kind.get()).values()) {
                List<CrmSplit.Crm> crms = Arrays.stream(CrmSplit.Crm.values())
                        .filter(each -> split.holds(c, each, kind.get(), entity)).toList();
                if (crm.isPresent() && !crms.contains(crm.get())) {
                    continue;
                }
                ObjectNode node = TruthJson.of(c, entity);
                ArrayNode held = node.putArray("crms");
                crms.forEach(each -> held.add(each.name()));
                crm.ifPresent(view -> TruthJson.asKeptIn(c, split, view, kind.get(), entity, node));
                all.add(node);
            }
            return all;
        }));
    }

    /**
     * Every person entered more than once in one CRM: their first record and the records entered after it; with
     * {@code ?crm=}, only that CRM's records (by their ids there) and the groups of which it holds two or more. Without
     * it, {@code inBothCrms} lists the records kept in more than one CRM: the same person under an id in each
     * ({@code hubspotId}, {@code salesforceId}, {@code mondayId}).
     */
    private Response duplicates(Request request) {
        Optional<CrmSplit.Crm> crm;
        try {
            crm = crm(request);
        } catch (IllegalArgumentException unknown) {
            return badCrm(request);
        }
        return Response.json(200, company.read(c -> duplicates(c, crm)));
    }

    private ObjectNode duplicates(Company c, Optional<CrmSplit.Crm> crm) {
        Map<Long, List<Long>> groups = new TreeMap<>();
        long contacts = 0;
        ArrayNode inBoth = JsonNodeFactory.instance.arrayNode();
        for (Contact contact : c.<Contact>all(Kind.CONTACT).values()) {
            boolean hubspot = split.holds(c, CrmSplit.Crm.HUBSPOT, Kind.CONTACT, contact);
            boolean salesforce = split.holds(c, CrmSplit.Crm.SALESFORCE, Kind.CONTACT, contact);
            boolean monday = split.holds(c, CrmSplit.Crm.MONDAY, Kind.CONTACT, contact);
            if (crm.isPresent() && !split.holds(c, crm.get(), Kind.CONTACT, contact)) {
                continue;
            }
            contacts++;
            if ((hubspot ? 1 : 0) + (salesforce ? 1 : 0) + (monday ? 1 : 0) > 1) {
                ObjectNode kept = inBoth.addObject().put("id", String.valueOf(contact.id()));
                if (hubspot) {
                    kept.put("hubspotId", String.valueOf(contact.id()));
                }
                if (salesforce) {
                    kept.put("salesforceId", SalesforceTruth.id(Kind.CONTACT, contact.id()));
                }
                if (monday) {
                    kept.put("mondayId", MondayTruth.id(Kind.CONTACT, contact.id()));
                }
            }
            Long original = contact.duplicateOf();
            if (original != null && (crm.isEmpty()
                    || split.holds(c, crm.get(), Kind.CONTACT, c.get(Kind.CONTACT, original)))) {
                groups.computeIfAbsent(original, id -> new ArrayList<>()).add(contact.id());
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("contacts", contacts);
        body.put("duplicateRecords", groups.values().stream().mapToInt(List::size).sum());
        ArrayNode array = body.putArray("groups");
        groups.forEach((original, copies) -> {
            ObjectNode group = array.addObject().put("original", crmId(crm, original));
            ArrayNode duplicates = group.putArray("duplicates");
            copies.forEach(id -> duplicates.add(crmId(crm, id)));
        });
        if (crm.isEmpty()) {
            body.set("inBothCrms", inBoth);
        }
        return body;
    }

    private static String crmId(Optional<CrmSplit.Crm> crm, long contactId) {
        return switch (crm.orElse(CrmSplit.Crm.HUBSPOT)) {
            case HUBSPOT -> String.valueOf(contactId);
            case SALESFORCE -> SalesforceTruth.id(Kind.CONTACT, contactId);
            case MONDAY -> MondayTruth.id(Kind.CONTACT, contactId);
        };
    }

    private static Optional<CrmSplit.Crm> crm(Request request) {
        return Optional.ofNullable(request.query("crm")).map(name -> CrmSplit.Crm.valueOf(name.toUpperCase(Locale.ROOT)));
    }

    private static Response badCrm(Request request) {
        return Response.json(400, JsonNodeFactory.instance.objectNode().put("status", "error")
                .put("message", "crm must be hubspot, salesforce or monday, not " + request.query("crm")));
    }

    static Optional<Kind> kind(String name) {
        String singular = name.endsWith("ies") ? name.substring(0, name.length() - 3) + "y"
                : name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
        String constant = singular.replace('-', '_').toUpperCase(Locale.ROOT);
        if (constant.equals("ACCOUNT") || constant.equals("COMPANY")) {
            return Optional.of(Kind.ACCOUNT);
        }
        try {
            return Optional.of(Kind.valueOf(constant));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
