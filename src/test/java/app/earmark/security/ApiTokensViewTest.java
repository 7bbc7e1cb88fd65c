package app.earmark.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.earmark.support.ViewTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** A person creates a token on their own page, sees it once, and revokes it there. */
class ApiTokensViewTest extends ViewTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;

    @Test
    @SuppressWarnings("unchecked")
    void aLearnerCreatesATokenSeesItOnceAndRevokesIt() throws Exception {
        openAs("learner2", "account/tokens");
        _setValue(_get(TextField.class, spec -> spec.withId("token-name")), "Spreadsheet");
        _click(_get(Button.class, spec -> spec.withId("create-token")));

        String token = _get(TextField.class, spec -> spec.withId("issued-token-value")).getValue();
        assertThat(token).startsWith("ea_");
        assertThat(tokens.authenticate(token)).isInstanceOf(ApiTokens.Check.Accepted.class);

        Grid<ApiTokens.TokenSummary> grid = _get(Grid.class, spec -> spec.withId("token-grid"));
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("Spreadsheet", token.substring(0, 7) + "…", "Active");

        _click((Button) GridKt._getCellComponent(grid, 0, "revoke"));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("Spreadsheet", "Revoked");
        // Last: a request through the filter chain ends with the security context cleared.
        mvc.perform(get("/api/v1/learners").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aTokenNeedsAName() {
        openAs("learner2", "account/tokens");
        _click(_get(Button.class, spec -> spec.withId("create-token")));
        var name = _get(TextField.class, spec -> spec.withId("token-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Give the token a name, e.g. the integration that will use it.");
    }
}
