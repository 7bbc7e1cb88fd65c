package app.earmark.sheets;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface SheetDeclarationRepository extends JpaRepository<SheetDeclaration, Long> {

    List<SheetDeclaration> findBySheetIdOrderByDeclaredAtAscIdAsc(long sheetId);

    boolean existsBySheetIdAndKind(long sheetId, DeclarationKind kind);
}
