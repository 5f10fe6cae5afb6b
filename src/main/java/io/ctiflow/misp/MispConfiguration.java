package io.ctiflow.misp;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of the {@code misp:} consumer: the restSearch filters and paging. */
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
