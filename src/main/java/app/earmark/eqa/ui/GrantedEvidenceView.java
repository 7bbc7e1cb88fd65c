package app.earmark.eqa.ui;

import app.earmark.base.DisplayFormats;
import app.earmark.eqa.EqaGrants;
import app.earmark.eqa.GrantView;
import app.earmark.people.PersonRef;
import app.earmark.security.Role;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;

/**
 * The EQA's grants in force: what each covers, when it ends, and for each learner their evidence pack and their
 * page (from which the discussions, recordings and sheets the grant covers open read-only).
 */
@Route("eqa")
@PageTitle("Granted evidence · Earmark")
@Menu(order = 5, icon = "vaadin:archive", title = "Granted evidence")
@RolesAllowed(Role.Name.EQA)
class GrantedEvidenceView extends Main {

    GrantedEvidenceView(EqaGrants grants) {
        addClassNames(LumoUtility.Padding.MEDIUM);
        add(new H1("Granted evidence"));
        var mine = grants.mine();
        if (mine.isEmpty()) {
            var none = new Paragraph("You have no access in force. The centre's administrator grants an external"
                    + " quality assurer access to a set of evidence for a limited time.");
            none.setId("no-grants");
            add(none);
            return;
        }
        for (GrantView grant : mine) {
            var section = new Section(new H2(grant.description()),
                    new Paragraph("Read-only, until " + DisplayFormats.dateTime(grant.endsAt()) + "."));
            section.setId("grant-" + grant.id());
            var list = new UnorderedList();
            for (PersonRef learner : grant.learners()) {
                var pack = new Anchor("/eqa/grants/" + grant.id() + "/learners/" + learner.id() + "/pack.zip",
                        "Evidence pack of " + learner.displayName() + " (ZIP)");
                pack.getElement().setAttribute("download", true);
                pack.setRouterIgnore(true);
                var page = new Anchor("learners/" + learner.id(), learner.displayName() + "'s record");
                list.add(new ListItem(page, new com.vaadin.flow.component.html.Span(" · "), pack));
            }
            section.add(list);
            add(section);
        }
    }
}
