package app.earmark.base.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown for a page that does not exist and for one the person may not open (the two look the same, so
 * that nobody learns which pages exist by trying them; refusals are recorded in the audit trail).
 */
@ParentLayout(MainLayout.class)
@PageTitle("Page not available · Earmark")
@AnonymousAllowed
public class NotFoundView extends Main implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        addClassNames(LumoUtility.Padding.LARGE);
        var message = new Paragraph("There is no page at /" + event.getLocation().getPath()
                + ", or it is not one you may open.");
        message.setId("not-found");
        add(new H1("Page not available"), message, new com.vaadin.flow.component.html.Anchor("", "Go to your home page"));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
