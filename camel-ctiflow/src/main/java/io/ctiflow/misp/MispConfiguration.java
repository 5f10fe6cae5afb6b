package io.ctiflow.misp;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of the {@code misp:} endpoint: the consumer's restSearch filters and paging, the producer's event settings. */
@UriParams
public class MispConfiguration extends MispConnectionConfiguration {

    @UriParam(label = "consumer", description = "Comma-separated tags an event must carry (any of them);"
            + " a tag prefixed with ! excludes events carrying it (tags=tlp:white,tlp:green,!osint:lifetime=\"delete\").")
    private String tags;

    @UriParam(label = "consumer", description = "Only published (true) or only unpublished (false) events; both when unset.")
    private Boolean published;

    @UriParam(label = "consumer", description = "Only events created by this organisation (name, id or UUID).")
    private String org;

    @UriParam(label = "consumer", enums = "1,2,3,4",
            description = "Only events with this threat level (1 high, 2 medium, 3 low, 4 undefined).")
    private Integer threatLevel;

    @UriParam(label = "consumer", description = "Comma-separated event ids or UUIDs to fetch (and nothing else).")
    private String eventIds;

    @UriParam(label = "consumer", description = "Where to start when there is no checkpoint yet: epoch seconds or an"
            + " ISO-8601 date or date-time (2024-01-31, 2024-01-31T12:00:00Z). Unset: all events.")
    private String since;

    @UriParam(label = "consumer", defaultValue = "100", description = "Events per restSearch page.")
    private int pageSize = 100;

    @UriParam(label = "advanced", description = "Sort order sent to MISP (restSearch 'order', e.g. Event.timestamp ASC)."
            + " The checkpoint is correct whatever order MISP answers in.")
    private String order;

    @UriParam(label = "producer", defaultValue = "0", enums = "0,1,2,3,4", description = "Distribution of the events the"
            + " producer writes: 0 your organisation only, 1 this community only, 2 connected communities, 3 all communities,"
            + " 4 the sharing group in sharingGroup. Attributes inherit it.")
    private int distribution;

    @UriParam(label = "producer", description = "Sharing group (MISP's id) of the events the producer writes; required with distribution=4.")
    private String sharingGroup;

    @UriParam(label = "producer", defaultValue = "ctiflow {source}: {origin}", description = "Event info when the STIX holds no"
            + " report or grouping with a name; {source}, {origin} and {destination} are replaced.")
    private String infoTemplate = "ctiflow {source}: {origin}";

    @UriParam(label = "producer", defaultValue = "4", enums = "1,2,3,4",
            description = "threat_level_id of the events the producer writes (1 high, 2 medium, 3 low, 4 undefined).")
    private int eventThreatLevel = 4;

    @UriParam(label = "producer", defaultValue = "0", enums = "0,1,2",
            description = "analysis of the events the producer writes (0 initial, 1 ongoing, 2 completed).")
    private int analysis;

    @UriParam(label = "producer", defaultValue = "false", description = "Publish the events the producer writes"
            + " (MISP then synchronises and e-mails them); by default they stay unpublished for review.")
    private boolean publish;

    @UriParam(label = "producer,advanced", description = "Folder of the MISP mapping tables (attribute-types.yaml);"
            + " defaults to {{ctiflow.mappings}}/misp, else mappings/misp.")
    private String mappings;

    public int getDistribution() {
        return distribution;
    }

    public void setDistribution(int distribution) {
        this.distribution = distribution;
    }

    public String getSharingGroup() {
        return sharingGroup;
    }

    public void setSharingGroup(String sharingGroup) {
        this.sharingGroup = sharingGroup;
    }

    public String getInfoTemplate() {
        return infoTemplate;
    }

    public void setInfoTemplate(String infoTemplate) {
        this.infoTemplate = infoTemplate;
    }

    public int getEventThreatLevel() {
        return eventThreatLevel;
    }

    public void setEventThreatLevel(int eventThreatLevel) {
        this.eventThreatLevel = eventThreatLevel;
    }

    public int getAnalysis() {
        return analysis;
    }

    public void setAnalysis(int analysis) {
        this.analysis = analysis;
    }

    public boolean isPublish() {
        return publish;
    }

    public void setPublish(boolean publish) {
        this.publish = publish;
    }

    public String getMappings() {
        return mappings;
    }

    public void setMappings(String mappings) {
        this.mappings = mappings;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public Boolean getPublished() {
        return published;
    }

    public void setPublished(Boolean published) {
        this.published = published;
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public Integer getThreatLevel() {
        return threatLevel;
    }

    public void setThreatLevel(Integer threatLevel) {
        this.threatLevel = threatLevel;
    }

    public String getEventIds() {
        return eventIds;
    }

    public void setEventIds(String eventIds) {
        this.eventIds = eventIds;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public String getOrder() {
        return order;
    }

    public void setOrder(String order) {
        this.order = order;
    }
}
